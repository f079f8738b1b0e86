package dev.jkboot.ufs;

import dev.jkboot.disk.BlockDevice;
import dev.jkboot.disk.DiskException;
import dev.jkboot.fs.FileContent;
import dev.jkboot.fs.PathWalk;
import dev.jkboot.mem.Align;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A UFS2 file system in a partition of a block device, read without mounting it. Paths are
 * absolute from the file system's root and resolve inside it by {@link PathWalk}'s rule, the one
 * every source of boot files shares: {@code ..} stops at the root, absolute link targets start
 * there, at most 32 links per lookup (FreeBSD's MAXSYMLINKS).
 *
 * <p>The caller owns the device; this object never closes or writes it.
 */
public final class Ufs2 {
    static final long ROOT_INO = 2;
    /** FreeBSD's MAXPATHLEN, including the terminating NUL: also the longest link target. */
    static final int MAXPATHLEN = PathWalk.MAXPATHLEN;
    /** Far beyond any real directory; keeps a corrupt size from exhausting memory. */
    static final long MAX_DIRECTORY_BYTES = 32 * Align.MIB;
    /** Where FreeBSD looks for a superblock, in this order (SBLOCKSEARCH in fs.h). */
    private static final long[] SUPERBLOCK_SEARCH = {65536, 8192, 0, 262144};
    private static final String FSCK = "the file system is damaged; run fsck_ffs on FreeBSD";

    private final BlockDevice device;
    private final long offset;
    private final String name;
    private final Superblock superblock;

    private Ufs2(BlockDevice device, long offset, String name, Superblock superblock) {
        this.device = device;
        this.offset = offset;
        this.name = name;
        this.superblock = superblock;
    }

    /** The UFS2 file system in {@code [offset, offset + size)} of {@code device}. */
    public static Ufs2 open(BlockDevice device, long offset, long size) throws UfsException {
        return open(device, offset, size, "%s at offset 0x%x".formatted(device.name(), offset));
    }

    /**
     * The UFS2 file system in {@code [offset, offset + size)} of {@code device}.
     *
     * @param name how messages name the partition, e.g. {@code /dev/vda:2}
     * @throws UfsException if there is no UFS2 superblock, or it is unsupported or inconsistent
     */
    public static Ufs2 open(BlockDevice device, long offset, long size, String name)
            throws UfsException {
        if (offset < 0 || size < 0 || offset > device.size() - size) {
            throw new UfsException(
                    "%s: partition of %d bytes at offset %d does not fit %s (%d bytes)"
                            .formatted(name, size, offset, device.name(), device.size()),
                    "the partition table is wrong; check it with gpart show");
        }
        List<String> seen = new ArrayList<>();
        for (long location : SUPERBLOCK_SEARCH) {
            if (location + Superblock.SBLOCKSIZE > size) {
                continue;
            }
            byte[] raw = readDevice(device, offset + location, Superblock.SBLOCKSIZE, name, "superblock");
            int magic = Superblock.magic(raw);
            if (magic == Superblock.FS_UFS2_MAGIC && Superblock.isPrimaryAt(raw, location)) {
                return new Ufs2(device, offset, name, Superblock.parse(raw, location, size, name));
            } else if (magic == Superblock.FS_UFS1_MAGIC) {
                seen.add("a UFS1 superblock at offset " + location);
            } else if (magic == Superblock.FS_BAD_MAGIC) {
                seen.add("the mark of an unfinished newfs at offset " + location);
            } else if (magic == Integer.reverseBytes(Superblock.FS_UFS2_MAGIC)) {
                seen.add("a big-endian UFS2 superblock at offset " + location);
            }
        }
        if (!seen.isEmpty()) {
            throw new UfsException(
                    "%s holds %s; jkboot reads only little-endian UFS2".formatted(name, String.join(" and ", seen)),
                    "FreeBSD/arm64 installs use UFS2; recreate the file system with newfs -O 2");
        }
        throw new UfsException(
                "%s has no UFS2 superblock at offset 65536, 8192, 0 or 262144".formatted(name),
                "choose the partition holding the FreeBSD root file system");
    }

    public Superblock superblock() {
        return superblock;
    }

    /** How messages name this file system. */
    public String name() {
        return name;
    }

    /** The file a path leads to (following symbolic links), or empty if some part is missing. */
    public Optional<FileStat> find(String path) throws UfsException {
        Lookup found = resolve(path, true);
        return found.inode() == null ? Optional.empty() : Optional.of(stat(found.inode()));
    }

    public boolean exists(String path) throws UfsException {
        return find(path).isPresent();
    }

    public FileStat stat(String path) throws UfsException {
        return stat(require(path, true));
    }

    /** The names in a directory, without {@code .} and {@code ..}, in on-disk order. */
    public List<DirEntry> list(String path) throws UfsException {
        Inode dir = require(path, true);
        if (dir.type().orElseThrow() != FileType.DIRECTORY) {
            throw new UfsException("%s: %s is not a directory".formatted(name, path), "list a directory");
        }
        List<DirEntry> entries = new ArrayList<>();
        for (Directory.Record r : records(dir, path)) {
            String text = r.text();
            if (!text.equals(".") && !text.equals("..")) {
                entries.add(new DirEntry(text, r.inode(), FileType.ofDirent(r.type()).orElse(FileType.UNKNOWN)));
            }
        }
        return entries;
    }

    /** The target of the symbolic link {@code path} (the link itself, not what it points to). */
    public String readLink(String path) throws UfsException {
        Inode link = require(path, false);
        if (link.type().orElseThrow() != FileType.SYMLINK) {
            throw new UfsException("%s: %s is not a symbolic link".formatted(name, path), "");
        }
        return new String(linkTarget(link, path), StandardCharsets.UTF_8);
    }

    /** A regular file (after symbolic links), open for positional reads. */
    public UfsFile openFile(String path) throws UfsException {
        Inode file = require(path, true);
        if (file.type().orElseThrow() != FileType.REGULAR) {
            throw new UfsException(
                    "%s: %s is a %s, not a regular file"
                            .formatted(name, path, file.type().orElseThrow().name().toLowerCase().replace('_', ' ')),
                    "name a regular file");
        }
        return new UfsFile(this, file, path);
    }

    /** A whole regular file, refusing one larger than {@code maxBytes}. */
    public byte[] readFile(String path, long maxBytes) throws UfsException {
        return openFile(path).readAll(maxBytes);
    }

    // ---- path resolution

    /** The inode a path leads to, or why it leads nowhere. */
    private record Lookup(Inode inode, String missing) {}

    private Inode require(String path, boolean followLast) throws UfsException {
        Lookup found = resolve(path, followLast);
        if (found.inode() == null) {
            throw new UfsException(
                    "%s: %s does not exist (%s)".formatted(name, path, found.missing()),
                    "check the path; list the directory to see what is there");
        }
        return found.inode();
    }

    private Lookup resolve(String path, boolean followLast) throws UfsException {
        PathWalk.Result<Inode> found = PathWalk.resolve(tree, path, followLast);
        return new Lookup(found.node().orElse(null), found.missing());
    }

    /** This file system as {@link PathWalk} reads it: inodes, directory entries, link targets. */
    private final PathWalk.Tree<Inode, UfsException> tree = new PathWalk.Tree<>() {
        @Override
        public Inode root() throws UfsException {
            return inode(ROOT_INO, "/");
        }

        @Override
        public Optional<Inode> child(Inode dir, String name, String path) throws UfsException {
            String here = path.substring(0, Math.max(1, path.lastIndexOf('/')));
            Optional<Directory.Record> entry = Directory.lookup(records(dir, here), name.getBytes(StandardCharsets.UTF_8));
            return entry.isEmpty() ? Optional.empty() : Optional.of(inode(entry.get().inode(), path));
        }

        @Override
        public PathWalk.Type type(Inode node) {
            return switch (node.type().orElseThrow()) {
                case DIRECTORY -> PathWalk.Type.DIRECTORY;
                case SYMLINK -> PathWalk.Type.SYMLINK;
                case REGULAR -> PathWalk.Type.FILE;
                default -> PathWalk.Type.OTHER;
            };
        }

        @Override
        public byte[] linkTarget(Inode link, String path) throws UfsException {
            return Ufs2.this.linkTarget(link, path);
        }

        @Override
        public UfsException failure(String message, String fix) {
            return new UfsException(name + ": " + message, fix);
        }
    };

    // ---- inodes, directories, links

    private FileStat stat(Inode inode) {
        return new FileStat(inode.number(), inode.type().orElseThrow(), inode.permissions(), inode.size(), inode.links());
    }

    Inode inode(long ino, String path) throws UfsException {
        if (ino < ROOT_INO || ino >= superblock.inodeCount()) {
            throw new UfsException(
                    "%s: %s refers to inode %d, outside 2..%d".formatted(name, path, ino, superblock.inodeCount() - 1),
                    FSCK);
        }
        Inode inode = Inode.parse(ino, readFragmentBytes(superblock.inodeOffset(ino), Superblock.DINODE_SIZE,
                "inode %d (%s)".formatted(ino, path)));
        if (inode.type().isEmpty()) {
            throw new UfsException(
                    "%s: inode %d (%s) is not in use or has an invalid mode 0%o".formatted(name, ino, path, inode.mode()),
                    FSCK);
        }
        long maxBytes = BlockMap.maxBlocks(superblock.nindir()) * superblock.bsize();
        if (inode.size() < 0 || inode.size() > maxBytes) {
            throw new UfsException(
                    "%s: inode %d (%s) claims %s bytes, more than UFS2 can address (%d)"
                            .formatted(name, ino, path, Long.toUnsignedString(inode.size()), maxBytes),
                    FSCK);
        }
        return inode;
    }

    private List<Directory.Record> records(Inode dir, String path) throws UfsException {
        String where = "%s (inode %d) on %s".formatted(path, dir.number(), name);
        if (dir.size() > MAX_DIRECTORY_BYTES) {
            throw new UfsException(
                    "directory %s claims %d bytes, more than the %d jkboot reads".formatted(where, dir.size(), MAX_DIRECTORY_BYTES),
                    FSCK);
        }
        return Directory.parse(new UfsFile(this, dir, path).read(0, (int) dir.size()), where);
    }

    private byte[] linkTarget(Inode link, String path) throws UfsException {
        if (link.size() >= MAXPATHLEN) {
            throw new UfsException(
                    "%s: symbolic link %s (inode %d) is %d bytes long, more than %d"
                            .formatted(name, path, link.number(), link.size(), MAXPATHLEN - 1),
                    FSCK);
        }
        int length = (int) link.size();
        byte[] target = length < superblock.maxSymlinkLen()
                ? Arrays.copyOf(link.inline(), length)
                : new UfsFile(this, link, path).read(0, length);
        for (byte b : target) {
            if (b == 0) {
                throw new UfsException(
                        "%s: symbolic link %s (inode %d) contains a NUL byte".formatted(name, path, link.number()),
                        FSCK);
            }
        }
        return target;
    }

    // ---- raw access, shared with BlockMap and UfsFile

    /**
     * Checks that {@code count} fragments from {@code address} are file data: inside the file
     * system, inside one block, and not in a cylinder group's superblock, header or inode area.
     */
    void checkExtent(long address, int count, String what) throws UfsException {
        Superblock sb = superblock;
        String problem = null;
        if (address <= 0 || address > sb.sizeFrags() - count) {
            problem = "is outside the file system (%d fragments)".formatted(sb.sizeFrags());
        } else if (address % sb.frag() + count > sb.frag()) {
            problem = "spans two blocks (%d fragments from fragment %d of a block)".formatted(count, address % sb.frag());
        } else {
            long cg = address / sb.fpg();
            long inGroup = address % sb.fpg();
            long metaStart = cg == 0 ? 0 : sb.sblkno();
            if (inGroup < sb.dblkno() && inGroup + count > metaStart) {
                problem = "lies in the metadata of cylinder group %d (fragments %d..%d)"
                        .formatted(cg, cg * sb.fpg() + metaStart, cg * sb.fpg() + sb.dblkno() - 1);
            }
        }
        if (problem != null) {
            throw new UfsException(
                    "%s: block pointer 0x%x for %s %s".formatted(name, address, what, problem), FSCK);
        }
    }

    /** {@code length} bytes from fragment {@code address} (already checked with {@link #checkExtent}). */
    byte[] readFragments(long address, int length, String what) throws UfsException {
        return readFragmentBytes(address * superblock.fsize(), length, what);
    }

    /** {@code length} bytes from fragment {@code address} (checked), mapped, as file offset {@code fileOffset}. */
    FileContent.Extent mapFragments(long address, long fileOffset, int length, String path) throws UfsException {
        try {
            return new FileContent.Extent(fileOffset, device.map(offset + address * superblock.fsize(), length));
        } catch (DiskException e) {
            throw new UfsException("%s: cannot map data of %s: %s".formatted(name, path, e.getMessage()), e.fix(), e);
        }
    }

    private byte[] readFragmentBytes(long fsOffset, int length, String what) throws UfsException {
        return readDevice(device, offset + fsOffset, length, name, what);
    }

    private static byte[] readDevice(BlockDevice device, long at, int length, String name, String what)
            throws UfsException {
        try {
            return device.read(at, length);
        } catch (DiskException e) {
            throw new UfsException("%s: cannot read %s: %s".formatted(name, what, e.getMessage()), e.fix(), e);
        }
    }
}
