package dev.jkboot.zfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * A ZPL file's attributes as jkboot needs them: mode (type and permissions), size and, for a
 * short symbolic link, its target. Read from a legacy bonus buffer ({@code znode_phys_t}, ZPL
 * versions 1-4; the target follows it in the bonus buffer when it fits) or from system
 * attributes ({@code ZPL_MODE}, {@code ZPL_SIZE}, {@code ZPL_SYMLINK}, in the bonus buffer or the
 * spill block), as FreeBSD's loader reads them (zfs_dnode_stat, zfs_dnode_readlink).
 *
 * @param inlineTarget a symbolic link's target when stored with the attributes
 */
record Znode(Dnode dnode, long mode, long size, Optional<byte[]> inlineTarget) {
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;
    /** sizeof (znode_phys_t). */
    private static final int LEGACY_SIZE = 264;

    static Znode read(ObjectSet os, Dnode dn, SystemAttributes sa, String what) throws ZfsException {
        if (dn.bonusType() == DnodeType.ZNODE) {
            byte[] bonus = dn.bonus();
            if (bonus.length < LEGACY_SIZE) {
                throw Dnode.damaged(what, "has a znode of %d bytes, less than %d".formatted(bonus.length, LEGACY_SIZE));
            }
            ByteBuffer b = ByteBuffer.wrap(bonus).order(ByteOrder.LITTLE_ENDIAN);
            long mode = b.getLong(72);
            long size = b.getLong(80);
            Optional<byte[]> target = (mode & S_IFMT) == S_IFLNK && size >= 0 && size <= bonus.length - LEGACY_SIZE
                    ? Optional.of(Arrays.copyOfRange(bonus, LEGACY_SIZE, LEGACY_SIZE + (int) size)) : Optional.empty();
            return new Znode(dn, mode, size, target);
        }
        if (dn.bonusType() == DnodeType.SA && sa != null) {
            long mode = number(attribute(os, dn, sa, "ZPL_MODE", what), what, "ZPL_MODE");
            long size = number(attribute(os, dn, sa, "ZPL_SIZE", what), what, "ZPL_SIZE");
            Optional<byte[]> target = (mode & S_IFMT) == S_IFLNK
                    ? attribute(os, dn, sa, "ZPL_SYMLINK", what) : Optional.empty();
            return new Znode(dn, mode, size, target);
        }
        throw Dnode.damaged(what, "has bonus type %d, neither a znode nor system attributes".formatted(dn.bonusType()));
    }

    /** An attribute from the bonus buffer, else from the spill block. */
    private static Optional<byte[]> attribute(ObjectSet os, Dnode dn, SystemAttributes sa, String name, String what)
            throws ZfsException {
        if (dn.bonus().length > 0) {
            Optional<byte[]> found = sa.find(dn.bonus(), name, what);
            if (found.isPresent()) {
                return found;
            }
        }
        if (dn.spill() != null && !dn.spill().hole()) {
            return sa.find(os.reader().read(dn.spill(), "the spill block of " + what), name, what + " (spill block)");
        }
        return Optional.empty();
    }

    private static long number(Optional<byte[]> value, String what, String name) throws ZfsException {
        if (value.isEmpty() || value.get().length != 8) {
            throw Dnode.damaged(what, "has no 8-byte %s attribute".formatted(name));
        }
        return ByteBuffer.wrap(value.get()).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    int type() {
        return (int) (mode & S_IFMT);
    }
}
