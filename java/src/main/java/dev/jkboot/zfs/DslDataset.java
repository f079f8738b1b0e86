package dev.jkboot.zfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The part of a dataset's bonus buffer jkboot uses ({@code dsl_dataset_phys_t},
 * sys/contrib/openzfs/include/sys/dsl_dataset.h): its DSL directory and the block pointer of its
 * object set.
 */
record DslDataset(long dirObject, BlockPointer rootBp) {
    private static final int BP_OFFSET = 128;

    static DslDataset of(Dnode dn, String dataset, String pool) throws ZfsException {
        byte[] bonus = dn.bonus();
        if (bonus.length < BP_OFFSET + BlockPointer.SIZE) {
            throw Dnode.damaged("pool %s: dataset %s (object %d)".formatted(pool, dataset, dn.object()),
                    "has a bonus buffer of %d bytes, less than %d".formatted(bonus.length, BP_OFFSET + BlockPointer.SIZE));
        }
        return new DslDataset(ByteBuffer.wrap(bonus).order(ByteOrder.LITTLE_ENDIAN).getLong(0),
                BlockPointer.parse(bonus, BP_OFFSET));
    }
}
