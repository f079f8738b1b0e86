package dev.jkboot.entropy;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** {@link EntropySource} through getrandom(2) in jkboot's C shim ({@code jk_getrandom}, native/shim). */
public final class LinuxGetrandom implements EntropySource {
    /** The one shim function this needs; the rest of the shim is the kexec and init code's. */
    interface Shim extends Library {
        long jk_getrandom(Pointer buf, long len);
    }

    @Override
    public byte[] read(int size) throws EntropyException {
        Shim shim;
        try {
            shim = Native.load("jkboot", Shim.class);
        } catch (UnsatisfiedLinkError e) {
            throw new EntropyException("cannot load jkboot's native shim libjkboot.so for getrandom(2): "
                    + e.getMessage(), "run jkboot through its launcher (bin/jkboot); or pass --no-platform-entropy");
        }
        try (Memory buf = new Memory(size)) {
            long rc = shim.jk_getrandom(buf, size);
            if (rc != 0) {
                throw new EntropyException("getrandom(2) failed: errno " + -rc,
                        "check the kernel's random device; or pass --no-platform-entropy");
            }
            return buf.getByteArray(0, size);
        }
    }
}
