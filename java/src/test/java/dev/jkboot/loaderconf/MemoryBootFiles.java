package dev.jkboot.loaderconf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A FreeBSD file system in memory: files by absolute path; every parent is a directory. */
final class MemoryBootFiles implements BootFiles {
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Set<String> dirs = new HashSet<>(Set.of("/"));

    MemoryBootFiles file(String path, String text) {
        return file(path, text.getBytes(StandardCharsets.UTF_8));
    }

    MemoryBootFiles file(String path, byte[] bytes) {
        files.put(path, bytes.clone());
        addParents(path);
        return this;
    }

    MemoryBootFiles dir(String path) {
        dirs.add(path);
        addParents(path);
        return this;
    }

    private void addParents(String path) {
        for (int i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
            dirs.add(path.substring(0, i));
        }
    }

    @Override
    public Kind kind(String path) {
        String p = path.length() > 1 ? path.replaceFirst("/+$", "") : path;
        return files.containsKey(p) ? Kind.FILE : dirs.contains(p) ? Kind.DIRECTORY : Kind.MISSING;
    }

    @Override
    public Optional<byte[]> read(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** Lists in reverse name order, so tests see that readers sort for themselves. */
    @Override
    public List<String> list(String dir) {
        if (kind(dir) != Kind.DIRECTORY) {
            return List.of();
        }
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        Set<String> names = new HashSet<>();
        for (String p : files.keySet()) {
            childOf(prefix, p).ifPresent(names::add);
        }
        for (String p : dirs) {
            childOf(prefix, p).ifPresent(names::add);
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort((a, b) -> b.compareTo(a));
        return sorted;
    }

    private static Optional<String> childOf(String prefix, String path) {
        if (!path.startsWith(prefix) || path.length() == prefix.length()) {
            return Optional.empty();
        }
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        return Optional.of(slash < 0 ? rest : rest.substring(0, slash));
    }

    @Override
    public String toString() {
        return "memory";
    }
}
