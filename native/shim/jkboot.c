/* See jkboot.h. Built once per target (x86_64 for host tests, aarch64 for the real thing). */
#define _GNU_SOURCE
#include "jkboot.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/kexec.h>
#include <linux/reboot.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Java builds the segment array byte by byte: its layout must be the kernel's. */
_Static_assert(sizeof(struct jk_kexec_segment) == sizeof(struct kexec_segment), "segment size");
_Static_assert(sizeof(struct jk_kexec_segment) == 32, "segment size is 32 on LP64");
_Static_assert(offsetof(struct jk_kexec_segment, buf) == offsetof(struct kexec_segment, buf), "buf");
_Static_assert(offsetof(struct jk_kexec_segment, bufsz) == offsetof(struct kexec_segment, bufsz), "bufsz");
_Static_assert(offsetof(struct jk_kexec_segment, mem) == offsetof(struct kexec_segment, mem), "mem");
_Static_assert(offsetof(struct jk_kexec_segment, memsz) == offsetof(struct kexec_segment, memsz), "memsz");
_Static_assert(offsetof(struct jk_kexec_segment, memsz) == 24, "memsz at 24");

/* The magic numbers the contract (and kboot) use; the uapi names must agree with them. */
_Static_assert(LINUX_REBOOT_MAGIC1 == 0xfee1dead, "reboot magic 1");
_Static_assert(LINUX_REBOOT_MAGIC2 == 672274793, "reboot magic 2");
_Static_assert(LINUX_REBOOT_CMD_KEXEC == 0x45584543, "reboot cmd kexec");

#if defined(__aarch64__)
#define JK_KEXEC_ARCH KEXEC_ARCH_AARCH64
_Static_assert(KEXEC_ARCH_AARCH64 == (183 << 16), "KEXEC_ARCH_AARCH64");
#elif defined(__x86_64__)
#define JK_KEXEC_ARCH KEXEC_ARCH_X86_64
_Static_assert(KEXEC_ARCH_X86_64 == (62 << 16), "KEXEC_ARCH_X86_64");
#else
#error "jkboot's shim is built for aarch64 and x86_64 only"
#endif

#define JK_API __attribute__((visibility("default")))

/* syscall(2) reports failure as -1 + errno; callers get -errno so no errno is needed on the Java side. */
static long result(long rc)
{
	return rc == -1 ? -errno : rc;
}

JK_API long jk_kexec_load(unsigned long entry, unsigned long nr_segments,
    const struct jk_kexec_segment *segments, unsigned long flags)
{
	return result(syscall(SYS_kexec_load, entry, nr_segments, segments, flags));
}

/* Loading zero segments unloads the staged image (what `kexec -u` does). */
JK_API long jk_kexec_unload(unsigned long flags)
{
	return result(syscall(SYS_kexec_load, 0UL, 0UL, NULL, flags));
}

/* The raw syscall, not glibc's reboot(int): the kexec command needs no extra argument but the magics must be ours. */
JK_API long jk_reboot_kexec(void)
{
	return result(syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
	    LINUX_REBOOT_CMD_KEXEC, NULL));
}

JK_API void jk_sync(void)
{
	sync();
}

JK_API unsigned long jk_kexec_segment_size(void)
{
	return sizeof(struct jk_kexec_segment);
}

JK_API unsigned long jk_kexec_arch_flag(void)
{
	return JK_KEXEC_ARCH;
}

/* mount(2) with no flags: what `mount -t FSTYPE -o DATA SOURCE TARGET` does. data may be NULL. */
JK_API long jk_mount(const char *source, const char *target, const char *fstype, const char *data)
{
	return result(mount(source, target, fstype, 0, data));
}

/*
 * Makes path (the console) standard input, output and error, as an init does. O_NOCTTY: PID 1 must
 * not get a controlling terminal, or a Ctrl-C on the console would signal it. Nothing changes if
 * the open fails.
 */
JK_API long jk_console(const char *path)
{
	int fd = open(path, O_RDWR | O_NOCTTY);
	if (fd < 0)
		return -errno;
	for (int target = 0; target <= 2; target++) {
		if (fd != target && dup2(fd, target) < 0) {
			long rc = -errno;
			if (fd > 2)
				close(fd);
			return rc;
		}
	}
	if (fd > 2)
		close(fd);
	return 0;
}

/* finit_module(2) without parameters: what `insmod PATH` does. -EEXIST when it is already loaded. */
JK_API long jk_load_module(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	long rc = result(syscall(SYS_finit_module, fd, "", 0));
	close(fd);
	return rc;
}

/*
 * getrandom(2) with no flags until len bytes are in buf: it blocks only until Linux's CRNG is
 * seeded, which the kernel hastens itself (jitter entropy) since 5.4. A short read (a signal,
 * or more than 32 MiB at once) is continued; an error is returned as -errno.
 */
JK_API long jk_getrandom(void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		long n = syscall(SYS_getrandom, (char *)buf + done, len - done, 0U);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return n == 0 ? -EIO : -errno;
		done += (size_t)n;
	}
	return 0;
}

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22 /* Linux 5.14 */
#endif

JK_API unsigned long jk_touch_pages(const void *p, size_t len, size_t page)
{
	const volatile unsigned char *bytes = p;
	unsigned long sum = 0;

	/* The kernel maps the range's pages in one call, instead of one fault per page taken from user
	 * space, each an exception (slow under emulation: 8000 of them for a 33 MB file). Kernels before
	 * 5.14 refuse it (EINVAL) and the reads below fault the pages in; the reads stay either way. */
	if (len > 0) {
		uintptr_t mask = (uintptr_t)sysconf(_SC_PAGESIZE) - 1;
		uintptr_t start = (uintptr_t)p & ~mask;
		(void)madvise((void *)start, (uintptr_t)p + len - start, MADV_POPULATE_READ);
	}
	for (size_t at = 0; at < len; at += page)
		sum += bytes[at];
	return sum;
}

JK_API long jk_open_regular(const char *path, int *fd, unsigned long *size)
{
	struct stat st;
	int f = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (f < 0)
		return -errno;
	long rc = 0;
	if (fstat(f, &st) != 0)
		rc = -errno;
	else if (!S_ISREG(st.st_mode))
		rc = -ENODEV;
	if (rc != 0) {
		close(f);
		return rc;
	}
	*fd = f;
	*size = (unsigned long)st.st_size;
	return 0;
}

JK_API long jk_map_fd(int fd, unsigned long offset, size_t length, unsigned long size, void **out)
{
	if (length == 0 || offset > size || length > size - offset)
		return -ERANGE;
	void *p = mmap(NULL, length, PROT_READ, MAP_SHARED, fd, (off_t)offset);
	if (p == MAP_FAILED)
		return -errno;
	*out = p;
	return 0;
}

JK_API long jk_close(int fd)
{
	return close(fd) == 0 ? 0 : -errno;
}

JK_API long jk_unmap(void *p, size_t length)
{
	return munmap(p, length) == 0 ? 0 : -errno;
}

#if defined(__aarch64__)
JK_API unsigned long jk_counter(void)
{
	unsigned long v;

	/* The isb keeps the read from being done early, ahead of the code before it. */
	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

JK_API unsigned long jk_counter_frequency(void)
{
	unsigned long f;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	return f;
}
#else
JK_API unsigned long jk_counter(void)
{
	return 0;
}

JK_API unsigned long jk_counter_frequency(void)
{
	return 0;
}
#endif
