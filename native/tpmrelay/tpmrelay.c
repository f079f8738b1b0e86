/*
 * tpmrelay: gives the test VM a real Linux TPM device (/dev/tpmN, /dev/tpmrmN) for a TPM 2.0
 * that is only reachable as a byte stream (swtpm behind a virtio serial port).
 *
 *   tpmrelay SERIAL-DEVICE
 *
 * Debian 12's arm64 kernel has no driver for QEMU's tpm-tis-device, but it has Linux's vTPM
 * proxy (drivers/char/tpm/tpm_vtpm_proxy.c): VTPM_PROXY_IOC_NEW_DEV on /dev/vtpmx registers a
 * TPM chip with Linux's TPM core and resource manager and hands back an fd on which each command
 * the core sends arrives as one read(), and which takes the response as one write(). This program
 * creates such a chip, forwards every command to SERIAL-DEVICE and the TPM's response back. It
 * returns (exit 0) once /dev/tpmrmN exists, with a child process left relaying; stderr says which
 * device it made. A test tool: not part of jkboot's payload.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/vtpm_proxy.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* TPM_BUFSIZE in drivers/char/tpm/tpm.h: the proxy neither sends nor takes more. */
#define BUF_SIZE 4096
/* TPM 2.0 command and response header: tag (2), size (4, big-endian, whole message), code (4). */
#define HEADER_SIZE 10
/* Registration runs the kernel's own TPM2_SelfTest and capability queries; TCG is slow. */
#define REGISTER_WAIT_SECONDS 120

static void fail(const char *what, int err)
{
	fprintf(stderr, "tpmrelay: %s: %s\n", what, strerror(err));
	_exit(1);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int read_fully(int fd, unsigned char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = read(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EPIPE;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int write_fully(int fd, const unsigned char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Before commands the proxy sends the vendor command TPM2_CC_SET_LOCALITY (its
 * request_locality) and fails the chip unless it succeeds. swtpm answers it only when it serves
 * the proxy itself, so the relay acknowledges it here; a plain TPM has one locality anyway.
 */
static const unsigned char locality_ok[HEADER_SIZE] = { 0x80, 0x01, 0, 0, 0, HEADER_SIZE, 0, 0, 0, 0 };

static void relay(int proxy, int tpm)
{
	unsigned char buf[BUF_SIZE];
	for (;;) {
		ssize_t n = read(proxy, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			fail("reading a command from the vTPM proxy", errno);
		if (n == 0)
			_exit(0); /* the chip is gone */
		if (n >= HEADER_SIZE && be32(buf + 6) == TPM2_CC_SET_LOCALITY) {
			if (write(proxy, locality_ok, sizeof locality_ok) != sizeof locality_ok)
				fail("answering TPM2_CC_SET_LOCALITY", errno);
			continue;
		}
		int rc = write_fully(tpm, buf, (size_t)n);
		if (rc < 0)
			fail("sending a command to the TPM", -rc);
		rc = read_fully(tpm, buf, HEADER_SIZE);
		if (rc < 0)
			fail("reading a response header from the TPM", -rc);
		uint32_t size = be32(buf + 2);
		if (size < HEADER_SIZE || size > sizeof buf) {
			fprintf(stderr, "tpmrelay: the TPM answered with a size of %u bytes (10 to %zu expected)\n",
				size, sizeof buf);
			_exit(1);
		}
		rc = read_fully(tpm, buf + HEADER_SIZE, size - HEADER_SIZE);
		if (rc < 0)
			fail("reading a response from the TPM", -rc);
		if (write(proxy, buf, size) != (ssize_t)size)
			fail("handing a response to the vTPM proxy", errno);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: tpmrelay SERIAL-DEVICE\n");
		return 2;
	}
	int tpm = open(argv[1], O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (tpm < 0)
		fail(argv[1], errno);
	int vtpmx = open("/dev/vtpmx", O_RDWR | O_CLOEXEC);
	if (vtpmx < 0)
		fail("/dev/vtpmx (is tpm_vtpm_proxy.ko loaded?)", errno);
	struct vtpm_proxy_new_dev dev = { .flags = VTPM_PROXY_FLAG_TPM2 };
	if (ioctl(vtpmx, VTPM_PROXY_IOC_NEW_DEV, &dev) < 0)
		fail("VTPM_PROXY_IOC_NEW_DEV", errno);
	close(vtpmx);

	/* The chip registers asynchronously and talks to the TPM while doing so: relay first. */
	pid_t child = fork();
	if (child < 0)
		fail("fork", errno);
	if (child == 0) {
		setsid();
		relay((int)dev.fd, tpm);
	}
	char rm[32];
	snprintf(rm, sizeof rm, "/dev/tpmrm%u", dev.tpm_num);
	struct stat st;
	for (int i = 0; i < REGISTER_WAIT_SECONDS * 10; i++) {
		if (stat(rm, &st) == 0) {
			fprintf(stderr, "tpmrelay: /dev/tpm%u and %s relay to %s\n", dev.tpm_num, rm, argv[1]);
			return 0;
		}
		nanosleep(&(struct timespec){ .tv_nsec = 100000000 }, NULL);
	}
	fprintf(stderr, "tpmrelay: %s did not appear within %d s (see dmesg)\n", rm, REGISTER_WAIT_SECONDS);
	return 1;
}
