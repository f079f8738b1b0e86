package dev.jkboot.init;

/**
 * The system calls PID 1 needs and Java lacks. Each returns 0 or {@code -errno}. The real
 * implementation is the native shim ({@link NativeInit}); tests substitute a fake.
 */
public interface InitSyscalls {
    /** {@code mount(source, target, fstype, 0, data)}; {@code data} may be null. */
    long mount(String source, String target, String fstype, String data);

    /** Opens {@code path} (without making it the controlling terminal) as standard input, output and error. */
    long console(String path);

    /** {@code finit_module} of the file at {@code path}: -EEXIST when the module is loaded already. */
    long loadModule(String path);
}
