package dev.jkboot.host;


/**
 * The running kernel's machine name ("aarch64"), from {@code /proc/sys/kernel/arch}; when older
 * kernels lack that file, from the JVM's {@code os.arch}, but only if the host root is the machine
 * this JVM runs on.
 */
public record Architecture(String name, String source) {
    public static final String PATH = "/proc/sys/kernel/arch";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

    public static Architecture read(HostRoot root, String jvmArch) throws HostException {
        if (root.exists(PATH)) {
            String name = root.readText(PATH, 256).strip();
            LineScanner scan = new LineScanner(name);
            if (scan.name(LOWER, LOWER + "0123456789_", 32) == null || !scan.atEnd()) {
                throw new HostException(root.show(PATH),
                        "\"%s\" is not a machine name".formatted(name), "");
            }
            return new Architecture(name, root.show(PATH));
        }
        if (root.isSystem()) {
            return new Architecture(jvmArch, "the JVM's os.arch");
        }
        throw new HostException(root.show(PATH),
                "does not exist, and the JVM's os.arch does not describe a host root other than /",
                "");
    }

    public boolean isAarch64() {
        return name.equals("aarch64");
    }
}
