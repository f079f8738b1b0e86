package dev.jkboot.init;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** {@link InitSyscalls} through jkboot's C shim ({@code libjkboot.so}, native/shim). */
public final class NativeInit implements InitSyscalls {
    /** The shim's C ABI for PID 1. */
    interface Shim extends Library {
        long jk_mount(String source, String target, String fstype, String data);

        long jk_console(String path);

        long jk_load_module(String path);
    }

    private final Shim shim;

    private NativeInit(Shim shim) {
        this.shim = shim;
    }

    public static NativeInit load() throws InitException {
        try {
            return new NativeInit(Native.load("jkboot", Shim.class));
        } catch (UnsatisfiedLinkError e) {
            throw new InitException("cannot load jkboot's native shim libjkboot.so: " + e.getMessage(),
                    "run jkboot through its launcher (bin/jkboot), which sets jna.library.path to the installation's "
                            + "native directory; rebuild with scripts/build if the file is missing");
        }
    }

    @Override
    public long mount(String source, String target, String fstype, String data) {
        return shim.jk_mount(source, target, fstype, data);
    }

    @Override
    public long console(String path) {
        return shim.jk_console(path);
    }

    @Override
    public long loadModule(String path) {
        return shim.jk_load_module(path);
    }
}
