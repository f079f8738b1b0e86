package dev.jkboot.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The one rule by which a path names a file on a FreeBSD root file system, whatever holds it: the
 * path is resolved component by component from the root of that file system, as FreeBSD resolves
 * it when the file system is its own root.
 * <ul>
 *   <li>empty and {@code .} components are skipped; {@code ..} goes back to the directory the walk
 *       came from, and at the root stays there;
 *   <li>a symbolic link met before the last component, or as the last one when it is followed, is
 *       replaced by its target: an absolute target starts again at the root of this file system
 *       (never at the host's {@code /}), a relative one at the link's directory;
 *   <li>after {@value #MAXSYMLINKS} links (FreeBSD's MAXSYMLINKS) the lookup fails with "more than
 *       32 symbolic links while resolving PATH (a loop?)";
 *   <li>a path of {@value #MAXPATHLEN} bytes or more (MAXPATHLEN counts the NUL) or with a NUL in it
 *       is refused.
 * </ul>
 * {@code ..} uses the walk's own stack of the directories it entered, never a {@code ..} entry of
 * the tree, so no source can lead above its root however its directories are linked, and no
 * source is ever asked to look anything up outside it.
 */
public final class PathWalk {
    /** FreeBSD's MAXSYMLINKS: links followed in one lookup. */
    public static final int MAXSYMLINKS = 32;
    /** FreeBSD's MAXPATHLEN, including the terminating NUL. */
    public static final int MAXPATHLEN = 1024;

    private PathWalk() {}

    /** What a directory entry is, without following it. */
    public enum Type { DIRECTORY, SYMLINK, FILE, OTHER }

    /**
     * A file system the walk reads, one directory lookup at a time. {@code N} is the source's
     * handle of a file (an inode, an open directory, ...), {@code X} the exception it reports with.
     */
    public interface Tree<N, X extends Exception> {
        /** The root directory. */
        N root() throws X;

        /**
         * The entry {@code name} (never empty, ".", ".." or containing "/") of directory {@code dir},
         * or empty when there is none. {@code path} is the entry's absolute path, for messages.
         */
        Optional<N> child(N dir, String name, String path) throws X;

        Type type(N node) throws X;

        /** The target of a symbolic link; {@code path} is the link's, for messages. */
        byte[] linkTarget(N link, String path) throws X;

        /** The source's exception for a path it cannot resolve (a loop, an invalid path). */
        X failure(String message, String fix);
    }

    /**
     * Where a path leads: the file's handle and its absolute path after every link, or, when some
     * part is missing, why.
     */
    public record Result<N>(Optional<N> node, String resolvedPath, String missing) {
        public boolean found() {
            return node.isPresent();
        }
    }

    /**
     * Resolves {@code path} (absolute or not: both start at the root, as FreeBSD's loader opens
     * names on its current device).
     *
     * @param followLast whether a symbolic link as the last component is followed
     * @throws X from the tree, or made by {@link Tree#failure} for a loop or an invalid path
     */
    public static <N, X extends Exception> Result<N> resolve(Tree<N, X> tree, String path, boolean followLast)
            throws X {
        if (path.indexOf('\0') >= 0 || path.getBytes(StandardCharsets.UTF_8).length >= MAXPATHLEN) {
            throw tree.failure("\"%s\" is not a valid path".formatted(shorten(path)),
                    "paths are at most %d bytes without NUL characters".formatted(MAXPATHLEN - 1));
        }
        Deque<String> pending = new ArrayDeque<>();
        push(pending, path);
        List<N> stack = new ArrayList<>(List.of(tree.root()));
        List<String> names = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String component = pending.pop();
            String here = "/" + String.join("/", names);
            N current = stack.get(stack.size() - 1);
            if (tree.type(current) != Type.DIRECTORY) {
                return new Result<>(Optional.empty(), here, here + " is not a directory");
            }
            if (component.equals("..")) {
                if (!names.isEmpty()) {
                    stack.remove(stack.size() - 1);
                    names.remove(names.size() - 1);
                }
                continue;
            }
            String childPath = names.isEmpty() ? "/" + component : here + "/" + component;
            Optional<N> child = tree.child(current, component, childPath);
            if (child.isEmpty()) {
                return new Result<>(Optional.empty(), childPath, "no \"%s\" in %s".formatted(component, here));
            }
            if (tree.type(child.get()) == Type.SYMLINK && (followLast || !pending.isEmpty())) {
                if (++links > MAXSYMLINKS) {
                    throw tree.failure("more than %d symbolic links while resolving %s (a loop?)"
                                    .formatted(MAXSYMLINKS, path), "fix the symbolic links on the FreeBSD system");
                }
                byte[] raw = tree.linkTarget(child.get(), childPath);
                String target = new String(raw, StandardCharsets.UTF_8);
                if (target.isEmpty()) {
                    return new Result<>(Optional.empty(), childPath, childPath + " is an empty symbolic link");
                }
                push(pending, target);
                if (target.startsWith("/")) {
                    stack.subList(1, stack.size()).clear();
                    names.clear();
                }
                continue;
            }
            stack.add(child.get());
            names.add(component);
        }
        return new Result<>(Optional.of(stack.get(stack.size() - 1)), "/" + String.join("/", names), null);
    }

    /** Puts the components of {@code path} in front of the pending ones, skipping "" and ".". */
    private static void push(Deque<String> pending, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isEmpty() && !parts[i].equals(".")) {
                pending.push(parts[i]);
            }
        }
    }

    private static String shorten(String path) {
        String printable = path.replace("\0", "\\0");
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }
}
