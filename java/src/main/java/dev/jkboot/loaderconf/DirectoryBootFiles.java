package dev.jkboot.loaderconf;

import dev.jkboot.fs.FileContent;
import dev.jkboot.fs.PathWalk;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A FreeBSD root file system that Linux has mounted at a directory ({@code --root DIR}), seen as
 * FreeBSD sees its own root: FreeBSD path "/boot/loader.conf" is {@code DIR/boot/loader.conf},
 * {@code ..} stops at {@code DIR}, an absolute symbolic link starts again at {@code DIR}, and a
 * link loop ends after 32 links, by the rule every source shares ({@link PathWalk}). Whatever the
 * tree holds, no file outside {@code DIR} is ever opened: the tree belongs to whoever controls the
 * FreeBSD disk, and the LinuxBoot environment may hold secrets (keys unsealed from a TPM, say).
 *
 * <p>How: the walk never hands Linux a path with a slash in it. {@code DIR} is opened once as a
 * directory, and each component is looked up with {@code fstatat(dirfd, name, AT_SYMLINK_NOFOLLOW)}
 * and opened with {@code openat(dirfd, name, O_NOFOLLOW)} relative to the directory already open
 * (Java's {@link SecureDirectoryStream}). Links are never followed by Linux: the walk reads their
 * target and resolves it itself, inside {@code DIR}. {@code ..} is the walk's own stack of open
 * directories, never a {@code ..} lookup. So a directory renamed or replaced by a link while
 * jkboot walks cannot lead it out: an entry that became a link fails with ELOOP instead of being
 * followed.
 *
 * <p>What a concurrent change of the tree can still do (none of it leaks a file from outside):
 * a link target is read with {@code readlink} on the path of directories already walked, which
 * Linux resolves itself, so it is checked against the entry the walk saw (same device and inode)
 * before and after; an entry replaced between its stat and its open by a FIFO, or by a device node
 * inside {@code DIR}, is caught by the same check after the open, unless it is swapped back in the
 * meantime. Mount such trees {@code nodev} when others can write to them.
 *
 * <p>Only regular files are opened. Their contents are mapped ({@link FileContent#map}), never
 * copied into the Java heap, whatever their size.
 */
public final class DirectoryBootFiles implements BootFiles {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path root;

    public DirectoryBootFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Kind kind(String path) throws IOException {
        try (Walk walk = new Walk()) {
            Optional<Node> node = walk.resolve(path);
            if (node.isEmpty()) {
                return Kind.MISSING;
            }
            BasicFileAttributes a = node.get().attributes();
            return a.isRegularFile() ? Kind.FILE : a.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
        }
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        try (Walk walk = new Walk()) {
            Optional<FileChannel> channel = walk.openFile(path);
            if (channel.isEmpty()) {
                return Optional.empty();
            }
            try (FileChannel c = channel.get()) {
                long size = c.size();
                if (size > Integer.MAX_VALUE - 8) {
                    throw new IOException("%s is %d bytes, more than a file read whole can hold (2 GiB)"
                            .formatted(path, size));
                }
                ByteBuffer buffer = ByteBuffer.allocate((int) size);
                while (buffer.hasRemaining() && c.read(buffer) >= 0) {
                    // until full or end of file
                }
                return Optional.of(buffer.position() == size ? buffer.array()
                        : Arrays.copyOf(buffer.array(), buffer.position()));
            }
        }
    }

    @Override
    public Optional<FileContent> open(String path) throws IOException {
        try (Walk walk = new Walk()) {
            Optional<FileChannel> channel = walk.openFile(path);
            if (channel.isEmpty()) {
                return Optional.empty();
            }
            try (FileChannel c = channel.get()) {
                return Optional.of(FileContent.map(c, c.size()));
            }
        }
    }

    @Override
    public List<String> list(String dir) throws IOException {
        return list(dir, Integer.MAX_VALUE);
    }

    @Override
    public List<String> list(String dir, int limit) throws IOException {
        try (Walk walk = new Walk()) {
            Optional<Node> node = walk.resolve(dir);
            if (node.isEmpty() || node.get().dir() == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (Path entry : node.get().dir()) {
                if (names.size() >= limit) {
                    break;
                }
                names.add(entry.getFileName().toString());
            }
            return names;
        }
    }

    /**
     * A directory entry the walk looked at: its directory, its name there, what {@code fstatat}
     * said, and, for a directory the walk entered, the directory itself, open.
     */
    private record Node(SecureDirectoryStream<Path> parent, Path name, BasicFileAttributes attributes,
                        SecureDirectoryStream<Path> dir) {}

    /** One lookup: the directories it opened stay open until it is closed. */
    private final class Walk implements Closeable, PathWalk.Tree<Node, IOException> {
        private final List<Closeable> opened = new ArrayList<>();

        Optional<Node> resolve(String path) throws IOException {
            return PathWalk.resolve(this, path, true).node();
        }

        /** The regular file {@code path} leads to, open for reading; empty when missing or not a regular file. */
        Optional<FileChannel> openFile(String path) throws IOException {
            Optional<Node> node = resolve(path);
            if (node.isEmpty() || !node.get().attributes().isRegularFile()) {
                return Optional.empty();
            }
            Node file = node.get();
            SeekableByteChannel channel = file.parent().newByteChannel(file.name(),
                    Set.of(StandardOpenOption.READ, NOFOLLOW));
            BasicFileAttributes now;
            try {
                now = file.parent().getFileAttributeView(file.name(), BasicFileAttributeView.class, NOFOLLOW)
                        .readAttributes();
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            if (!(channel instanceof FileChannel fileChannel) || !now.isRegularFile()
                    || !Objects.equals(now.fileKey(), file.attributes().fileKey())) {
                channel.close();
                throw new IOException(path + " changed while jkboot opened it (under " + root + ")");
            }
            return Optional.of(fileChannel);
        }

        @Override
        public Node root() throws IOException {
            DirectoryStream<Path> stream = Files.newDirectoryStream(root);
            opened.add(stream);
            if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
                throw new IOException("this Java runtime cannot open files relative to a directory, which jkboot "
                        + "needs to keep every file inside " + root);
            }
            return new Node(null, null, Files.readAttributes(root, BasicFileAttributes.class), secure);
        }

        @Override
        public Optional<Node> child(Node dir, String name, String path) throws IOException {
            Path relative = root.getFileSystem().getPath(name);
            BasicFileAttributes attributes;
            try {
                attributes = dir.dir().getFileAttributeView(relative, BasicFileAttributeView.class, NOFOLLOW)
                        .readAttributes();
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            SecureDirectoryStream<Path> entered = null;
            if (attributes.isDirectory()) {
                entered = dir.dir().newDirectoryStream(relative, NOFOLLOW);
                opened.add(entered);
            }
            return Optional.of(new Node(dir.dir(), relative, attributes, entered));
        }

        @Override
        public PathWalk.Type type(Node node) {
            BasicFileAttributes a = node.attributes();
            return a.isDirectory() ? PathWalk.Type.DIRECTORY : a.isSymbolicLink() ? PathWalk.Type.SYMLINK
                    : a.isRegularFile() ? PathWalk.Type.FILE : PathWalk.Type.OTHER;
        }

        @Override
        public byte[] linkTarget(Node link, String path) throws IOException {
            Path onHost = root.resolve(path.substring(1));
            Object key = link.attributes().fileKey();
            if (!Objects.equals(key, Files.readAttributes(onHost, BasicFileAttributes.class, NOFOLLOW).fileKey())) {
                throw new IOException(path + " changed while jkboot read it (under " + root + ")");
            }
            String target = Files.readSymbolicLink(onHost).toString();
            if (!Objects.equals(key, Files.readAttributes(onHost, BasicFileAttributes.class, NOFOLLOW).fileKey())) {
                throw new IOException(path + " changed while jkboot read it (under " + root + ")");
            }
            return target.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public IOException failure(String message, String fix) {
            return new IOException(root + ": " + message + " (" + fix + ")");
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (Closeable c : opened) {
                try {
                    c.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
