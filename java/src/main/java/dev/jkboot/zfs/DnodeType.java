package dev.jkboot.zfs;

/**
 * The DMU object types jkboot reads ({@code dmu_object_type_t},
 * sys/contrib/openzfs/include/sys/dmu.h).
 */
final class DnodeType {
    static final int NONE = 0;
    static final int DNODE = 10;
    static final int DSL_DIR = 12;
    static final int DSL_DATASET = 16;
    static final int ZNODE = 17;
    static final int PLAIN_FILE_CONTENTS = 19;
    static final int DIRECTORY_CONTENTS = 20;
    static final int MASTER_NODE = 21;
    static final int SA = 44;

    private DnodeType() {}
}
