package dev.jkboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Text fixtures from the test resources, for tests in any package. */
public final class TestResources {
    private TestResources() {}

    /** The resource at {@code path} (e.g. {@code /iomem/uefi-crashkernel.txt}) as text. */
    public static String text(String path) {
        try (InputStream in = TestResources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
