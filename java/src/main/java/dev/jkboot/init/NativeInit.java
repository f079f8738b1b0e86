package dev.jkboot.init;

import dev.jkboot.shim.ShimLibrary;
import java.nio.charset.StandardCharsets;

/** {@link InitSyscalls} through jkboot's C shim ({@code libjkboot.so}, native/shim), over JNI. */
public final class NativeInit implements InitSyscalls {
    // native/shim/jkboot_jni.c; strings as NUL-terminated UTF-8 ({@link #c}), results 0 or -errno.
    private static native long mount(byte[] source, byte[] target, byte[] fstype, byte[] data);

    private static native long console(byte[] path);

    private static native long loadModule(byte[] path);

    private NativeInit() {}

    public static NativeInit load() throws InitException {
        try {
            ShimLibrary.load();
        } catch (ShimLibrary.Unavailable e) {
            throw new InitException(e.getMessage(), e.fix());
        }
        return new NativeInit();
    }

    /** A C string: UTF-8 and a NUL; null stays null. */
    private static byte[] c(String s) {
        return s == null ? null : (s + '\0').getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public long mount(String source, String target, String fstype, String data) {
        return mount(c(source), c(target), c(fstype), c(data));
    }

    @Override
    public long console(String path) {
        return console(c(path));
    }

    @Override
    public long loadModule(String path) {
        return loadModule(c(path));
    }
}
