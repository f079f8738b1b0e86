package dev.jkboot.verify;

/** Absolute FreeBSD-style path names ("/boot/kernel/kernel"), as strings. */
final class Paths {
    private Paths() {}

    /** "/boot/kernel" for "/boot/kernel/kernel", "/" for "/boot" and for "/". */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** {@code name} inside directory {@code dir}. */
    static String child(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
