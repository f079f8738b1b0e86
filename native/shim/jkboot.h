/*
 * jkboot's native shim: the few Linux system calls Java cannot make itself.
 * Plain C functions, reached from Java through their JNI wrappers (jkboot_jni.c). Every call
 * returns 0 (or a value) on success and -errno on failure; nothing is printed, nothing is kept
 * between calls.
 */
#ifndef JKBOOT_SHIM_H
#define JKBOOT_SHIM_H

#include <stddef.h>

/* Same layout as Linux's struct kexec_segment on LP64: 32 bytes, offsets 0/8/16/24. */
struct jk_kexec_segment {
	const void *buf;     /* user buffer holding the bytes to copy */
	size_t bufsz;        /* bytes in buf; the rest of memsz is zero-filled */
	unsigned long mem;   /* physical destination, page aligned */
	size_t memsz;        /* bytes reserved at mem, page multiple */
};

long jk_kexec_load(unsigned long entry, unsigned long nr_segments,
    const struct jk_kexec_segment *segments, unsigned long flags);
long jk_kexec_unload(unsigned long flags);
long jk_reboot_kexec(void);
void jk_sync(void);
unsigned long jk_kexec_segment_size(void);
unsigned long jk_kexec_arch_flag(void);
/* The arm64 virtual counter (CNTVCT_EL0) and its frequency in Hz (CNTFRQ_EL0), both readable from
 * EL0 on Linux; it keeps counting across kexec, so it times the hand-off. 0 on other targets. */
unsigned long jk_counter(void);
unsigned long jk_counter_frequency(void);

/* Reads one byte of every page of [p, p + len) (a file mapping), so its pages are in memory before
 * kexec_load copies them; returns the sum of the bytes read, which keeps the reads from being
 * optimised away. */
unsigned long jk_touch_pages(const void *p, size_t len, size_t page);

/* A file mapped without Java's FileChannel: opened once (read-only, O_NONBLOCK so that a FIFO
 * cannot block), its size taken from that descriptor, each extent mapped from it read-only and
 * shared, as FileChannel.map(READ_ONLY) does, then closed (the mappings keep the file).
 * jk_open_regular: -ENODEV for anything but a regular file (mmap's errno for what it cannot map).
 * jk_map_fd: -ERANGE for a range past the size the caller was given (a read of a page past the end
 * of the file would raise SIGBUS). All return 0 or -errno. */
long jk_open_regular(const char *path, int *fd, unsigned long *size);
long jk_map_fd(int fd, unsigned long offset, size_t length, unsigned long size, void **out);
long jk_close(int fd);
long jk_unmap(void *p, size_t length);

/* Fills buf with len bytes from Linux's getrandom(2) (no flags); 0 or -errno. */
long jk_getrandom(void *buf, size_t len);

/* For jkboot as PID 1, which has to set up what an /init script would. */
long jk_mount(const char *source, const char *target, const char *fstype, const char *data);
long jk_console(const char *path);
long jk_load_module(const char *path);

#endif
