package dev.jkboot.zfs;

import dev.jkboot.fs.FileContent;
import dev.jkboot.fs.PathWalk;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One dataset's ZPL file system, read-only: the master node gives the root directory and the
 * system-attribute tables; directories are ZAPs of names to object numbers; files are objects
 * whose data blocks are read, verified and decompressed one by one. Paths resolve by the one rule
 * of {@link PathWalk} ({@code ..} stops at the dataset's root, absolute link targets start there,
 * more than 32 links is a loop).
 */
public final class ZfsFileSystem {
    /** What a path names. */
    public enum Kind { FILE, DIRECTORY, SYMLINK, OTHER }

    /** Entries of one directory jkboot reads: more than /boot/kernel ever holds. */
    public static final int MAX_DIRECTORY_ENTRIES = 100_000;
    /** Directories whose names are kept, so resolving many paths in /boot/kernel reads it once. */
    private static final int CACHED_DIRECTORIES = 8;
    /** ZFS_DIRENT_OBJ: the low 48 bits of a directory entry are the object number. */
    private static final long OBJECT_MASK = (1L << 48) - 1;
    private static final long MASTER_NODE = 1;

    private final ObjectSet os;
    private final String pool;
    private final String dataset;
    private final long rootObject;
    private final SystemAttributes sa;
    private final Map<Long, Map<String, Long>> directories = new LinkedHashMap<>(CACHED_DIRECTORIES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Map<String, Long>> eldest) {
            return size() > CACHED_DIRECTORIES;
        }
    };

    private ZfsFileSystem(ObjectSet os, String pool, String dataset, long rootObject, SystemAttributes sa) {
        this.os = os;
        this.pool = pool;
        this.dataset = dataset;
        this.rootObject = rootObject;
        this.sa = sa;
    }

    static ZfsFileSystem open(ObjectSet os, String pool, String dataset) throws ZfsException {
        Dnode master = os.dnode(MASTER_NODE, DnodeType.MASTER_NODE, "the master node");
        Map<String, Long> entries = new HashMap<>();
        for (ZapEntry e : Zap.entries(os, master, 1000, "the master node of " + dataset)) {
            entries.put(e.name(), e.value());
        }
        Long root = entries.get("ROOT");
        if (root == null) {
            throw new ZfsException("pool %s: dataset %s has no ROOT in its master node".formatted(pool, dataset),
                    "the dataset is damaged or is not a file system");
        }
        SystemAttributes sa = entries.containsKey("SA_ATTRS") ? SystemAttributes.read(os, entries.get("SA_ATTRS")) : null;
        return new ZfsFileSystem(os, pool, dataset, root, sa);
    }

    public String pool() {
        return pool;
    }

    public String dataset() {
        return dataset;
    }

    /** What {@code path} names after following symbolic links; empty when it does not exist. */
    public Optional<Kind> kind(String path) throws ZfsException {
        PathWalk.Result<Znode> found = PathWalk.resolve(tree, path, true);
        return found.node().isEmpty() ? Optional.empty() : Optional.of(kind(found.node().get()));
    }

    /** The size in bytes of the file {@code path} leads to. */
    public long size(String path) throws ZfsException {
        return require(path, true).size();
    }

    /** The target of symbolic link {@code path} (not followed). */
    public String readLink(String path) throws ZfsException {
        Znode link = require(path, false);
        if (kind(link) != Kind.SYMLINK) {
            throw fail(path, "is not a symbolic link", "");
        }
        return new String(linkTarget(link, path), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The names in directory {@code path} (without . and ..), at most {@code limit} of them, sorted. */
    public List<String> list(String path, int limit) throws ZfsException {
        Znode dir = require(path, true);
        if (kind(dir) != Kind.DIRECTORY) {
            throw fail(path, "is not a directory", "list a directory");
        }
        List<String> names = new ArrayList<>(entries(dir, path).keySet());
        names.sort(null);
        return names.size() > limit ? List.copyOf(names.subList(0, limit)) : names;
    }

    /** The whole regular file {@code path}, refusing one larger than {@code maxBytes}. */
    public byte[] readAll(String path, long maxBytes) throws ZfsException {
        FileContent content = open(path, maxBytes);
        return content.toArray();
    }

    /**
     * The contents of regular file {@code path}, read block by block into buffers that hold only
     * this file (holes are left out and read as zeros), refusing a file larger than {@code maxBytes}.
     */
    public FileContent open(String path, long maxBytes) throws ZfsException {
        Znode file = require(path, true);
        if (kind(file) != Kind.FILE) {
            throw fail(path, "is not a regular file", "name a regular file");
        }
        long size = file.size();
        long limit = Math.min(maxBytes, Integer.MAX_VALUE - 8L);
        if (size < 0 || size > limit) {
            throw fail(path, "is %s bytes, more than the %d this read allows".formatted(Long.toUnsignedString(size), limit),
                    "check that the path names the file you mean");
        }
        Dnode dn = file.dnode();
        int blockSize = dn.dataBlockSize();
        List<FileContent.Extent> extents = new ArrayList<>();
        long blocks = (size + blockSize - 1) / blockSize;
        for (long id = 0; id < blocks && id <= dn.maxBlockId(); id++) {
            String what = path + " in dataset " + dataset + " of pool " + pool + " (block " + id + ")"; // per block: no Formatter
            BlockPointer bp = os.pointer(dn, id, what);
            if (bp == null || bp.hole()) {
                continue;
            }
            byte[] data = os.reader().read(bp, what);
            if (data.length != blockSize) {
                throw fail(path, "has a block of %d bytes, not %d".formatted(data.length, blockSize),
                        "the dataset is damaged; scrub the pool on FreeBSD");
            }
            long offset = id * blockSize;
            int length = (int) Math.min(blockSize, size - offset);
            extents.add(new FileContent.Extent(offset, ByteBuffer.wrap(data, 0, length)));
        }
        return new FileContent(size, extents);
    }

    // ---- path resolution

    private Znode require(String path, boolean followLast) throws ZfsException {
        PathWalk.Result<Znode> found = PathWalk.resolve(tree, path, followLast);
        if (found.node().isEmpty()) {
            throw fail(path, "does not exist (%s)".formatted(found.missing()), "check the path; list the directory to see what is there");
        }
        return found.node().get();
    }

    private final PathWalk.Tree<Znode, ZfsException> tree = new PathWalk.Tree<>() {
        @Override
        public Znode root() throws ZfsException {
            return znode(rootObject, "/");
        }

        @Override
        public Optional<Znode> child(Znode dir, String name, String path) throws ZfsException {
            Long object = entries(dir, path).get(name);
            return object == null ? Optional.empty() : Optional.of(znode(object, path));
        }

        @Override
        public PathWalk.Type type(Znode node) {
            return switch (kind(node)) {
                case DIRECTORY -> PathWalk.Type.DIRECTORY;
                case SYMLINK -> PathWalk.Type.SYMLINK;
                case FILE -> PathWalk.Type.FILE;
                case OTHER -> PathWalk.Type.OTHER;
            };
        }

        @Override
        public byte[] linkTarget(Znode link, String path) throws ZfsException {
            return ZfsFileSystem.this.linkTarget(link, path);
        }

        @Override
        public ZfsException failure(String message, String fix) {
            return new ZfsException("pool %s, dataset %s: %s".formatted(pool, dataset, message), fix);
        }
    };

    private static Kind kind(Znode z) {
        return switch (z.type()) {
            case Znode.S_IFREG -> Kind.FILE;
            case Znode.S_IFDIR -> Kind.DIRECTORY;
            case Znode.S_IFLNK -> Kind.SYMLINK;
            default -> Kind.OTHER;
        };
    }

    private Znode znode(long object, String path) throws ZfsException {
        String what = "%s (object %d) in dataset %s of pool %s".formatted(path, object, dataset, pool);
        return Znode.read(os, os.dnode(object), sa, what);
    }

    /** The names of a directory, from the cache or its ZAP. */
    private Map<String, Long> entries(Znode dir, String path) throws ZfsException {
        long object = dir.dnode().object();
        Map<String, Long> cached = directories.get(object);
        if (cached != null) {
            return cached;
        }
        if (dir.dnode().type() != DnodeType.DIRECTORY_CONTENTS) {
            throw fail(path, "is a directory whose object has type %d, not a directory ZAP".formatted(dir.dnode().type()),
                    "the dataset is damaged; scrub the pool on FreeBSD");
        }
        String where = "directory %s (object %d) in dataset %s of pool %s".formatted(path, object, dataset, pool);
        Map<String, Long> names = new HashMap<>();
        for (ZapEntry e : Zap.entries(os, dir.dnode(), MAX_DIRECTORY_ENTRIES, where)) {
            names.put(e.name(), e.value() & OBJECT_MASK);
        }
        directories.put(object, names);
        return names;
    }

    private byte[] linkTarget(Znode link, String path) throws ZfsException {
        long size = link.size();
        if (size < 0 || size >= PathWalk.MAXPATHLEN) {
            throw fail(path, "is a symbolic link of %s bytes, more than %d".formatted(Long.toUnsignedString(size), PathWalk.MAXPATHLEN - 1),
                    "the dataset is damaged; scrub the pool on FreeBSD");
        }
        byte[] target = link.inlineTarget().orElse(null);
        if (target == null) {
            target = os.read(link.dnode(), 0, (int) size);
        }
        if (target.length != size) {
            throw fail(path, "is a symbolic link whose target is %d bytes, not its size %d".formatted(target.length, size),
                    "the dataset is damaged; scrub the pool on FreeBSD");
        }
        for (byte b : target) {
            if (b == 0) {
                throw fail(path, "is a symbolic link with a NUL byte", "the dataset is damaged; scrub the pool on FreeBSD");
            }
        }
        return target;
    }

    private ZfsException fail(String path, String problem, String fix) {
        return new ZfsException("pool %s, dataset %s: %s %s".formatted(pool, dataset, path, problem), fix);
    }

    @Override
    public String toString() {
        return "ZFS dataset " + dataset;
    }
}
