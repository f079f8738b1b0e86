/*
 * JNI entry points of jkboot's shim: thin wrappers that turn Java's arguments into the plain C
 * calls of jkboot.c (which the C-level tests call directly) and return their 0/value/-errno as is.
 * One Java class per concept declares them: dev.jkboot.exec.LinuxKexecShim (kexec, reboot, the
 * native buffers of the segment table), dev.jkboot.entropy.LinuxGetrandom, dev.jkboot.init.NativeInit,
 * dev.jkboot.fs.NativeMapping (files mapped without FileChannel).
 *
 * Built against the host JDK's include/ and include/linux/ for both targets: on Linux jni_md.h
 * only sets JNIEXPORT/JNICALL and jint/jlong/jbyte by _LP64, the same for x86-64 and aarch64.
 */
#include "jkboot.h"

#include <errno.h>
#include <jni.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- dev.jkboot.exec.LinuxKexecShim ------------------------------------------------------ */

/*
 * table: a direct buffer of nr_segments struct kexec_segment entries (Java fills them, buf
 * included). Its capacity is checked, so a short table is EINVAL, never a read past its end.
 */
JNIEXPORT jlong JNICALL Java_dev_jkboot_exec_LinuxKexecShim_kexecLoad(JNIEnv *env, jobject self,
    jlong entry, jlong nr_segments, jobject table, jlong flags)
{
	(void)self;
	const struct jk_kexec_segment *segments = (*env)->GetDirectBufferAddress(env, table);
	jlong capacity = (*env)->GetDirectBufferCapacity(env, table);

	if (segments == NULL || nr_segments < 0 ||
	    capacity < nr_segments * (jlong)sizeof(struct jk_kexec_segment))
		return -EINVAL;
	return jk_kexec_load((unsigned long)entry, (unsigned long)nr_segments, segments,
	    (unsigned long)flags);
}

JNIEXPORT jlong JNICALL Java_dev_jkboot_exec_LinuxKexecShim_kexecUnload(JNIEnv *env, jobject self,
    jlong flags)
{
	(void)env, (void)self;
	return jk_kexec_unload((unsigned long)flags);
}

JNIEXPORT jlong JNICALL Java_dev_jkboot_exec_LinuxKexecShim_rebootKexec(JNIEnv *env, jobject self)
{
	(void)env, (void)self;
	return jk_reboot_kexec();
}

JNIEXPORT void JNICALL Java_dev_jkboot_exec_LinuxKexecShim_sync(JNIEnv *env, jobject self)
{
	(void)env, (void)self;
	jk_sync();
}

JNIEXPORT jlong JNICALL Java_dev_jkboot_exec_LinuxKexecShim_segmentSize(JNIEnv *env, jobject self)
{
	(void)env, (void)self;
	return (jlong)jk_kexec_segment_size();
}

JNIEXPORT jlong JNICALL Java_dev_jkboot_exec_LinuxKexecShim_archFlag(JNIEnv *env, jobject self)
{
	(void)env, (void)self;
	return (jlong)jk_kexec_arch_flag();
}

JNIEXPORT jlong JNICALL Java_dev_jkboot_exec_LinuxKexecShim_counter(JNIEnv *env, jobject self)
{
	(void)env, (void)self;
	return (jlong)jk_counter();
}

JNIEXPORT jlong JNICALL Java_dev_jkboot_exec_LinuxKexecShim_counterFrequency(JNIEnv *env, jobject self)
{
	(void)env, (void)self;
	return (jlong)jk_counter_frequency();
}

/* The first byte of a direct buffer (mapped files included); 0 for a heap buffer. */
JNIEXPORT jlong JNICALL Java_dev_jkboot_exec_LinuxKexecShim_address(JNIEnv *env, jobject self,
    jobject buffer)
{
	(void)self;
	return (jlong)(uintptr_t)(*env)->GetDirectBufferAddress(env, buffer);
}

/* One byte of every page of [from, to) of a direct buffer read, in C: in Java each read is a dozen
 * interpreted calls, tens of thousands for a big file under emulation. */
JNIEXPORT jlong JNICALL Java_dev_jkboot_exec_LinuxKexecShim_touchPages(JNIEnv *env, jobject self,
    jobject buffer, jint from, jint to, jint page)
{
	(void)self;
	const unsigned char *base = (*env)->GetDirectBufferAddress(env, buffer);
	if (base == NULL || from < 0 || to <= from || page <= 0)
		return 0;
	return (jlong)jk_touch_pages(base + from, (size_t)(to - from), (size_t)page);
}

/*
 * size zeroed bytes outside the Java heap, as a direct buffer. calloc, not allocateDirect: a
 * segment's buffer is not capped by -XX:MaxDirectMemorySize (a quarter of RAM by default) and
 * goes back to the C library as soon as kexec_load returns (free), not at some later GC.
 */
JNIEXPORT jobject JNICALL Java_dev_jkboot_exec_LinuxKexecShim_allocate(JNIEnv *env, jobject self,
    jint size)
{
	(void)self;
	void *p = size > 0 ? calloc((size_t)size, 1) : NULL;
	if (p == NULL) {
		jclass oom = (*env)->FindClass(env, "java/lang/OutOfMemoryError");
		if (oom != NULL)
			(*env)->ThrowNew(env, oom, "no native memory for a kexec segment buffer");
		return NULL;
	}
	jobject buffer = (*env)->NewDirectByteBuffer(env, p, size);
	if (buffer == NULL)
		free(p);
	return buffer;
}

/* Frees a buffer of allocate(); the Java side never touches it again. */
JNIEXPORT void JNICALL Java_dev_jkboot_exec_LinuxKexecShim_free(JNIEnv *env, jobject self,
    jobject buffer)
{
	(void)self;
	free((*env)->GetDirectBufferAddress(env, buffer));
}

/* ---- dev.jkboot.entropy.LinuxGetrandom --------------------------------------------------- */

/* Fills out with getrandom(2) bytes: into C memory first, since getrandom may block (no critical region). */
JNIEXPORT jlong JNICALL Java_dev_jkboot_entropy_LinuxGetrandom_fill(JNIEnv *env, jclass cls,
    jbyteArray out)
{
	(void)cls;
	jsize len = (*env)->GetArrayLength(env, out);
	void *buf = malloc(len > 0 ? (size_t)len : 1);
	if (buf == NULL)
		return -ENOMEM;
	long rc = jk_getrandom(buf, (size_t)len);
	if (rc == 0)
		(*env)->SetByteArrayRegion(env, out, 0, len, buf);
	explicit_bzero(buf, (size_t)len);
	free(buf);
	return rc;
}

/* ---- dev.jkboot.init.NativeInit ------------------------------------------------------------ */
/* Strings arrive as NUL-terminated UTF-8 byte arrays (Java adds the NUL); NULL stays NULL. */

/* The array's bytes (a copy made by the JVM), or NULL for a null array or when out of memory. */
static char *chars(JNIEnv *env, jbyteArray s)
{
	return s == NULL ? NULL : (char *)(*env)->GetByteArrayElements(env, s, NULL);
}

static void release(JNIEnv *env, jbyteArray s, char *c)
{
	if (c != NULL)
		(*env)->ReleaseByteArrayElements(env, s, (jbyte *)c, JNI_ABORT);
}

JNIEXPORT jlong JNICALL Java_dev_jkboot_init_NativeInit_mount(JNIEnv *env, jclass cls,
    jbyteArray source, jbyteArray target, jbyteArray fstype, jbyteArray data)
{
	(void)cls;
	char *s = chars(env, source), *t = chars(env, target), *f = chars(env, fstype), *d = chars(env, data);
	long rc = (source != NULL && s == NULL) || (target != NULL && t == NULL) ||
	    (fstype != NULL && f == NULL) || (data != NULL && d == NULL)
	    ? -ENOMEM : jk_mount(s, t, f, d);
	release(env, source, s);
	release(env, target, t);
	release(env, fstype, f);
	release(env, data, d);
	return rc;
}

/* call(path) with the array's bytes, -ENOMEM when the JVM cannot give them. */
static long with_path(JNIEnv *env, jbyteArray path, long (*call)(const char *))
{
	char *p = chars(env, path);
	long rc = p == NULL ? -ENOMEM : call(p);
	release(env, path, p);
	return rc;
}

JNIEXPORT jlong JNICALL Java_dev_jkboot_init_NativeInit_console(JNIEnv *env, jclass cls, jbyteArray path)
{
	(void)cls;
	return with_path(env, path, jk_console);
}

JNIEXPORT jlong JNICALL Java_dev_jkboot_init_NativeInit_loadModule(JNIEnv *env, jclass cls, jbyteArray path)
{
	(void)cls;
	return with_path(env, path, jk_load_module);
}

/* ---- dev.jkboot.fs.NativeMapping ------------------------------------------------------------ */

/* Opens path for mapping: its descriptor, or -errno; out[0] = its size. */
JNIEXPORT jlong JNICALL Java_dev_jkboot_fs_NativeMapping_open(JNIEnv *env, jclass cls, jbyteArray path,
    jlongArray out)
{
	(void)cls;
	if (out == NULL || (*env)->GetArrayLength(env, out) < 1)
		return -EINVAL;
	char *p = chars(env, path);
	int fd = -1;
	unsigned long size = 0;
	long rc = p == NULL ? -ENOMEM : jk_open_regular(p, &fd, &size);
	release(env, path, p);
	if (rc != 0)
		return rc;
	jlong s = (jlong)size;
	(*env)->SetLongArrayRegion(env, out, 0, 1, &s);
	return fd;
}

/* The address of length bytes of fd mapped from offset, or -errno (user addresses are positive). */
JNIEXPORT jlong JNICALL Java_dev_jkboot_fs_NativeMapping_map(JNIEnv *env, jclass cls, jint fd, jlong offset,
    jlong length, jlong size)
{
	(void)env, (void)cls;
	if (offset < 0 || length <= 0 || size < 0)
		return -EINVAL;
	void *mapped = NULL;
	long rc = jk_map_fd(fd, (unsigned long)offset, (size_t)length, (unsigned long)size, &mapped);
	return rc == 0 ? (jlong)(uintptr_t)mapped : rc;
}

JNIEXPORT jlong JNICALL Java_dev_jkboot_fs_NativeMapping_close(JNIEnv *env, jclass cls, jint fd)
{
	(void)env, (void)cls;
	return jk_close(fd);
}

/* A direct buffer over length bytes at address (a mapping of map()); null when the JVM cannot make one. */
JNIEXPORT jobject JNICALL Java_dev_jkboot_fs_NativeMapping_buffer(JNIEnv *env, jclass cls, jlong address,
    jlong length)
{
	(void)cls;
	return (*env)->NewDirectByteBuffer(env, (void *)(uintptr_t)address, length);
}

JNIEXPORT jlong JNICALL Java_dev_jkboot_fs_NativeMapping_unmap(JNIEnv *env, jclass cls, jlong address,
    jlong length)
{
	(void)env, (void)cls;
	return jk_unmap((void *)(uintptr_t)address, (size_t)length);
}
