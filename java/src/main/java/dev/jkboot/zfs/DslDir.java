package dev.jkboot.zfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The part of a DSL directory's bonus buffer jkboot uses ({@code dsl_dir_phys_t},
 * sys/contrib/openzfs/include/sys/dsl_dir.h): its head dataset, its parent directory and the ZAP
 * of its children's names.
 */
record DslDir(long headDataset, long parent, long childMap) {
    private static final int MIN_BONUS = 40;

    static DslDir of(Dnode dn, String dataset, String pool) throws ZfsException {
        byte[] bonus = dn.bonus();
        if (bonus.length < MIN_BONUS) {
            throw Dnode.damaged("pool %s: the DSL directory of %s (object %d)".formatted(pool, dataset, dn.object()),
                    "has a bonus buffer of %d bytes, less than %d".formatted(bonus.length, MIN_BONUS));
        }
        ByteBuffer b = ByteBuffer.wrap(bonus).order(ByteOrder.LITTLE_ENDIAN);
        return new DslDir(b.getLong(8), b.getLong(16), b.getLong(32));
    }
}
