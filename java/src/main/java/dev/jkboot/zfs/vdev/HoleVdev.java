package dev.jkboot.zfs.vdev;

import dev.jkboot.zfs.checksum.BlockCheck;
import java.nio.ByteBuffer;

/** The placeholder a removed top-level vdev leaves in the tree: it holds no block, so a DVA naming it is damaged. */
final class HoleVdev implements Vdev {
    private final VdevSpec spec;

    HoleVdev(VdevSpec spec) {
        this.spec = spec;
    }

    @Override
    public String describe() {
        return spec.describe();
    }

    @Override
    public ByteBuffer read(long offset, int size, BlockCheck check) throws VdevException {
        throw new VdevException("a ZFS block lies on " + describe() + ", the hole a removed vdev left",
                "the block pointer is damaged");
    }
}
