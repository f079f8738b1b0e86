package dev.jkboot.zfs.vdev;

import dev.jkboot.zfs.checksum.BlockCheck;
import dev.jkboot.zfs.checksum.ChecksumException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A mirror (or a replacing or spare vdev, read the same way): every child holds every block, so the first
 * child that reads a block its checksum accepts wins, as vdev_mirror_read in
 * stand/libsa/zfs/zfsimpl.c. Absent children are left out.
 */
final class MirrorVdev implements Vdev {
    private final VdevSpec spec;
    private final List<Vdev> children;

    MirrorVdev(VdevSpec spec, List<Vdev> presentChildren) {
        this.spec = spec;
        this.children = List.copyOf(presentChildren);
    }

    @Override
    public String describe() {
        return spec.describe();
    }

    @Override
    public ByteBuffer read(long offset, int size, BlockCheck check) throws VdevException, ChecksumException {
        ChecksumException badData = null;
        VdevException unreadable = null;
        for (Vdev child : children) {
            try {
                return child.read(offset, size, check);
            } catch (ChecksumException e) {
                badData = badData == null ? e : badData;
            } catch (VdevException e) {
                unreadable = unreadable == null ? e : unreadable;
            }
        }
        if (badData != null) {
            throw new ChecksumException(badData.getMessage() + " (no child of " + describe() + " has a good copy)",
                    badData.fix(), badData);
        }
        if (unreadable != null) {
            throw new VdevException(unreadable.getMessage() + " (no child of " + describe() + " could be read)",
                    unreadable.fix(), unreadable);
        }
        throw new VdevException("no child of " + describe() + " is present",
                "attach the pool's disks; jkboot looks for them by guid in /sys/block");
    }
}
