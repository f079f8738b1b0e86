package dev.jkboot.loaderconf;

/** Where a setting came from: a file and 1-based line, or line 0 for a whole file or a preset. */
public record Origin(String file, int line) {
    static final Origin PRESET = new Origin("(preset)", 0);

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
