package dev.jkboot.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The directory that stands for the host's {@code /}: the real root on a LinuxBoot host, or a
 * captured tree in tests and on a laptop. Every reader takes host paths ("/proc/iomem") and resolves
 * them here, so no reader ever touches the running machine by accident.
 */
public record HostRoot(Path dir) {

    public HostRoot {
        dir = dir.toAbsolutePath().normalize();
    }

    /** The running machine itself. */
    public static HostRoot system() {
        return new HostRoot(Path.of("/"));
    }

    /** True when this root is the running machine's {@code /}, so JVM facts describe the host too. */
    public boolean isSystem() {
        return dir.getParent() == null;
    }

    /** Where host path {@code hostPath} (absolute, e.g. "/proc/iomem") lives under this root. */
    public Path resolve(String hostPath) {
        if (!hostPath.startsWith("/")) {
            throw new IllegalArgumentException("host path " + hostPath + " is not absolute");
        }
        return dir.resolve(hostPath.substring(1));
    }

    /** The resolved path as messages show it, so the user can find the very file that was read. */
    public String show(String hostPath) {
        return resolve(hostPath).toString();
    }

    public boolean exists(String hostPath) {
        return Files.exists(resolve(hostPath));
    }

    /**
     * The whole file, refusing one longer than {@code limit} bytes. Files under /proc and /sys
     * report size 0, so the length is found by reading, never trusted from stat.
     */
    public byte[] read(String hostPath, int limit) throws HostException {
        try (InputStream in = Files.newInputStream(resolve(hostPath))) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new HostException(show(hostPath),
                        "longer than " + limit + " bytes, more than any real one",
                        "check that " + show(hostPath) + " is the file the kernel provides");
            }
            return bytes;
        } catch (IOException e) {
            throw unreadable(hostPath, e);
        }
    }

    /** The whole file as text (UTF-8; undecodable bytes become U+FFFD and fail the parsers). */
    public String readText(String hostPath, int limit) throws HostException {
        return new String(read(hostPath, limit), StandardCharsets.UTF_8);
    }

    /** Why {@code hostPath} could not be read, in the words a user acts on. */
    public HostException unreadable(String hostPath, IOException e) {
        String where = show(hostPath);
        if (e instanceof NoSuchFileException) {
            return new HostException(where, "does not exist", "", e);
        }
        if (e instanceof AccessDeniedException) {
            return new HostException(where, "permission denied", "run jkboot as root", e);
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new HostException(where, "cannot be read: " + detail, "", e);
    }
}
