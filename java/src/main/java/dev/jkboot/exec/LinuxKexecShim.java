package dev.jkboot.exec;

import java.nio.ByteBuffer;

/**
 * {@link NativeKexec.Shim} over JNI: each method is a wrapper in native/shim/jkboot_jni.c around the
 * C function of jkboot.c that makes the system call. Only {@link NativeKexec#load(long, LoadProgress)} creates one,
 * after {@code libjkboot.so} is loaded.
 */
final class LinuxKexecShim implements NativeKexec.Shim {
    @Override
    public native long kexecLoad(long entry, long nrSegments, ByteBuffer table, long flags);

    @Override
    public native long kexecUnload(long flags);

    @Override
    public native long rebootKexec();

    @Override
    public native void sync();

    @Override
    public native long segmentSize();

    @Override
    public native long archFlag();

    @Override
    public native long counter();

    @Override
    public native long counterFrequency();

    @Override
    public native long address(ByteBuffer direct);

    @Override
    public native long touchPages(ByteBuffer direct, int from, int to, int page);

    @Override
    public native ByteBuffer allocate(int size);

    @Override
    public native void free(ByteBuffer allocated);
}
