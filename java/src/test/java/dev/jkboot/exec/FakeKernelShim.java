package dev.jkboot.exec;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shim with Linux's side of {@code kexec_load} played in Java: it reads the {@code struct kexec_segment}
 * array and the buffers it points to the way the kernel copies them in (copy_from_user of {@code nr * 32}
 * bytes, then {@code bufsz} bytes of each {@code buf}, the rest of {@code memsz} zero-filled), and keeps what
 * it read. Nothing of jkboot's shim is called: raw memory is read through JNA (test scope only), which nobody
 * here wrote, and buffers are the JDK's direct buffers.
 */
final class FakeKernelShim implements NativeKexec.Shim {
    /** One entry of the array as the kernel read it, with the bytes that would land at {@code mem}. */
    record Seen(long buf, long bufsz, long mem, long memsz, byte[] bytes) {
        /** {@code memsz} bytes: the buffer's, then zeros, as they would be in physical memory. */
        byte[] memory() {
            return Arrays.copyOf(bytes, Math.toIntExact(memsz));
        }
    }

    /** One kexec_load call. */
    record Call(long entry, long nrSegments, long flags, List<Seen> segments) {}

    final List<Call> calls = new ArrayList<>();
    long loadResult;

    @Override
    public long kexecLoad(long entry, long nrSegments, ByteBuffer table, long flags) {
        calls.add(new Call(entry, nrSegments, flags, read(Native.getDirectBufferPointer(table), nrSegments)));
        return loadResult;
    }

    /** The kernel's reading of a segment array. */
    static List<Seen> read(Pointer table, long nrSegments) {
        List<Seen> seen = new ArrayList<>();
        for (long i = 0; i < nrSegments; i++) {
            long base = i * NativeKexec.SEGMENT_SIZE;
            long buf = table.getLong(base);
            long bufsz = table.getLong(base + 8);
            long mem = table.getLong(base + 16);
            long memsz = table.getLong(base + 24);
            byte[] bytes = buf == 0 ? new byte[0] : new Pointer(buf).getByteArray(0, Math.toIntExact(bufsz));
            if (buf == 0 && bufsz != 0) {
                throw new AssertionError("segment " + i + ": NULL buf with bufsz " + bufsz + " (the kernel says EFAULT)");
            }
            seen.add(new Seen(buf, bufsz, mem, memsz, bytes));
        }
        return seen;
    }

    @Override
    public long kexecUnload(long flags) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long rebootKexec() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sync() {
        throw new UnsupportedOperationException();
    }

    @Override
    public long segmentSize() {
        return NativeKexec.SEGMENT_SIZE;
    }

    @Override
    public long archFlag() {
        return NativeKexec.KEXEC_ARCH_AARCH64;
    }

    @Override
    public long counter() {
        return 0;
    }

    @Override
    public long counterFrequency() {
        return 0;
    }

    /** Buffers handed out by {@link #allocate} and not freed yet. */
    final List<ByteBuffer> live = new ArrayList<>();

    @Override
    public long address(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    @Override
    public long touchPages(ByteBuffer direct, int from, int to, int page) {
        long sum = 0;
        for (int at = from; at < to; at += page) {
            sum += direct.get(at);
        }
        return sum;
    }

    @Override
    public ByteBuffer allocate(int size) {
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        live.add(b);
        return b;
    }

    @Override
    public void free(ByteBuffer allocated) {
        if (!live.removeIf(b -> b == allocated)) {
            throw new AssertionError("freeing a buffer that is not allocated (twice?)");
        }
    }
}
