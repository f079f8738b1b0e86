package dev.jkboot.exec;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.jkboot.plan.KexecSegment;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link KexecSyscalls} through jkboot's C shim ({@code libjkboot.so}, native/shim), loaded by JNA
 * from the installation's native directory ({@code jna.library.path}), never from a temporary
 * copy.
 */
public final class NativeKexec implements KexecSyscalls {
    /** KEXEC_ARCH_AARCH64 (include/uapi/linux/kexec.h: EM_AARCH64 << 16). */
    public static final long KEXEC_ARCH_AARCH64 = 183L << 16;
    /** sizeof(struct kexec_segment) on LP64: buf, bufsz, mem, memsz. */
    static final int SEGMENT_SIZE = 32;

    /** The shim's C ABI. {@code long} and {@code unsigned long} are 64-bit on every LP64 target. */
    interface Shim extends Library {
        long jk_kexec_load(long entry, long nrSegments, Pointer segments, long flags);

        long jk_kexec_unload(long flags);

        long jk_reboot_kexec();

        void jk_sync();

        long jk_kexec_segment_size();

        long jk_kexec_arch_flag();

        long jk_counter();

        long jk_counter_frequency();
    }

    private final Shim shim;
    private final long archFlag;

    private NativeKexec(Shim shim, long archFlag) {
        this.shim = shim;
        this.archFlag = archFlag;
    }

    /** Loads the shim; {@code archFlag} is the image's architecture (KEXEC_ARCH_AARCH64 for FreeBSD arm64). */
    public static NativeKexec load(long archFlag) throws KexecException {
        try {
            return new NativeKexec(Native.load("jkboot", Shim.class), archFlag);
        } catch (UnsatisfiedLinkError e) {
            throw new KexecException("cannot load jkboot's native shim libjkboot.so: " + e.getMessage(),
                    "run jkboot through its launcher (bin/jkboot), which sets jna.library.path to the installation's "
                            + "native directory; rebuild with scripts/build if the file is missing");
        }
    }

    Shim shim() {
        return shim;
    }

    @Override
    public long load(long entryPhys, List<KexecSegment> segments) {
        // The buffers must stay reachable until the call returns: hold them in this list.
        List<Memory> buffers = new ArrayList<>(segments.size());
        Memory table = new Memory((long) SEGMENT_SIZE * Math.max(1, segments.size()));
        table.clear();
        for (int i = 0; i < segments.size(); i++) {
            KexecSegment s = segments.get(i);
            Memory buf = null;
            if (s.bufsz() > 0) {
                buf = new Memory(s.bufsz());
                buf.clear();
                for (KexecSegment.Piece p : s.pieces()) {
                    buf.getByteBuffer(p.pa() - s.mem(), p.data().remaining()).put(p.data().duplicate());
                }
                buffers.add(buf);
            }
            long base = (long) i * SEGMENT_SIZE;
            table.setPointer(base, buf);
            table.setLong(base + 8, s.bufsz());
            table.setLong(base + 16, s.mem());
            table.setLong(base + 24, s.memsz());
        }
        long rc = shim.jk_kexec_load(entryPhys, segments.size(), table, archFlag);
        Reference.reachabilityFence(buffers);
        Reference.reachabilityFence(table);
        return rc;
    }

    @Override
    public long unload() {
        return shim.jk_kexec_unload(archFlag);
    }

    @Override
    public long rebootIntoLoaded() {
        return shim.jk_reboot_kexec();
    }

    @Override
    public void sync() {
        shim.jk_sync();
    }

    @Override
    public long counter() {
        return shim.jk_counter();
    }

    @Override
    public long counterFrequency() {
        return shim.jk_counter_frequency();
    }
}
