package dev.jkboot.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code jkboot --version}: the version, the git commit it was built from and whether the tree had
 * uncommitted changes, as scripts/build wrote them into {@code version.properties}.
 */
final class VersionProvider implements IVersionProvider {
    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {line(p)};
    }

    /** "jkboot 0.1.0 (commit 1a2b3c4d5e6f, clean tree)". */
    static String line(Properties p) {
        String tree = p.getProperty("tree", "unknown");
        String state = tree.equals("clean") || tree.equals("dirty") ? tree + " tree" : "tree state unknown";
        return "jkboot %s (commit %s, %s)".formatted(p.getProperty("version", "(development build)"),
                p.getProperty("commit", "unknown"), state);
    }
}
