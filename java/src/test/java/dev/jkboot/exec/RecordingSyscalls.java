package dev.jkboot.exec;

import dev.jkboot.plan.KexecSegment;
import dev.jkboot.shim.Errno;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fake kernel that records every call and answers with scripted return values. Every load goes
 * through {@link NativeKexec}'s own segment table and buffer copy, and {@link #loads} keeps what Linux
 * would have read from them: each segment's {@code bufsz} bytes, zero-filled up to {@code memsz}.
 */
public final class RecordingSyscalls implements KexecSyscalls {
    public final List<String> calls = new ArrayList<>();
    /** What each load handed the kernel, in call order. */
    public final List<Load> loads = new ArrayList<>();
    public long loadResult;
    public long rebootResult = -Errno.EINVAL;
    public long unloadResult;
    public long counter = 912581255;
    public long counterFrequency = 62_500_000;

    /** One segment as the kernel saw it: {@code memory} holds the {@code memsz} bytes that would be at {@code mem}. */
    public record Segment(long mem, long memsz, long bufsz, byte[] memory) {
        /** {@code length} bytes at physical address {@code pa}, which must lie inside the segment. */
        public byte[] at(long pa, int length) {
            if (pa < mem || pa + length > mem + memsz) {
                throw new IllegalArgumentException("0x%x+%d is outside [0x%x, 0x%x)".formatted(pa, length, mem, mem + memsz));
            }
            int from = Math.toIntExact(pa - mem);
            return Arrays.copyOfRange(memory, from, from + length);
        }
    }

    public record Load(long entry, List<Segment> segments) {}

    @Override
    public long load(long entryPhys, List<KexecSegment> segments) {
        calls.add("load");
        FakeKernelShim kernel = new FakeKernelShim();
        new NativeKexec(kernel, NativeKexec.KEXEC_ARCH_AARCH64).load(entryPhys, segments);
        FakeKernelShim.Call call = kernel.calls.get(0);
        loads.add(new Load(call.entry(), call.segments().stream()
                .map(s -> new Segment(s.mem(), s.memsz(), s.bufsz(), s.memory()))
                .toList()));
        return loadResult;
    }

    @Override
    public long unload() {
        calls.add("unload");
        return unloadResult;
    }

    @Override
    public long rebootIntoLoaded() {
        calls.add("reboot");
        return rebootResult;
    }

    @Override
    public void sync() {
        calls.add("sync");
    }

    @Override
    public long counter() {
        calls.add("counter");
        return counter;
    }

    @Override
    public long counterFrequency() {
        return counterFrequency;
    }
}
