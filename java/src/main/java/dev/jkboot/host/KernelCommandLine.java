package dev.jkboot.host;

/** The running Linux's command line ({@code /proc/cmdline}), without its final newline. */
public record KernelCommandLine(String text) {
    public static final String PATH = "/proc/cmdline";
    /** COMMAND_LINE_SIZE is 2048 on arm64; leave room for other architectures. */
    private static final int MAX_BYTES = 64 * 1024;

    public static KernelCommandLine read(HostRoot root) throws HostException {
        String text = root.readText(PATH, MAX_BYTES);
        return new KernelCommandLine(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
    }
}
