package dev.jkboot.entropy;

import dev.jkboot.shim.ShimLibrary;

/** {@link EntropySource} through getrandom(2) in jkboot's C shim ({@code jk_getrandom}, native/shim), over JNI. */
public final class LinuxGetrandom implements EntropySource {
    /** Fills {@code out} from getrandom(2); 0 or -errno. native/shim/jkboot_jni.c. */
    private static native long fill(byte[] out);

    @Override
    public byte[] read(int size) throws EntropyException {
        try {
            ShimLibrary.load();
        } catch (ShimLibrary.Unavailable e) {
            throw new EntropyException(e.getMessage() + " (for getrandom(2))", e.fix() + "; or pass --no-platform-entropy");
        }
        byte[] out = new byte[size];
        long rc = fill(out);
        if (rc != 0) {
            throw new EntropyException("getrandom(2) failed: errno " + -rc,
                    "check the kernel's random device; or pass --no-platform-entropy");
        }
        return out;
    }
}
