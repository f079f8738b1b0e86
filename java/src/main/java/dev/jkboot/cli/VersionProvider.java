package dev.jkboot.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code jkboot --version}: the version, the git commit it was built from and whether the tree had
 * uncommitted changes, as scripts/build wrote them into {@code version.properties}.
 */
final class VersionProvider {
    static final String RESOURCE = "version.properties";

    private VersionProvider() {}

    /** This build's line. */
    static String current() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        }
        return line(p);
    }

    /** "jkboot 0.1.0 (commit 1a2b3c4d5e6f, clean tree)". */
    static String line(Properties p) {
        String tree = p.getProperty("tree", "unknown");
        String state = tree.equals("clean") || tree.equals("dirty") ? tree + " tree" : "tree state unknown";
        return "jkboot " + p.getProperty("version", "(development build)") + " (commit "
                + p.getProperty("commit", "unknown") + ", " + state + ")";
    }
}
