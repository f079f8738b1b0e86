package dev.jkboot.zfs;

/**
 * The DMU object types jkboot reads ({@code dmu_object_type_t},
 * sys/contrib/openzfs/include/sys/dmu.h). Types at or above {@link #NEW_TYPE} are "new" types whose
 * low bits say how to byte-swap them, and whose 0x40 bit marks metadata.
 */
final class DnodeType {
    static final int NONE = 0;
    static final int OBJECT_DIRECTORY = 1;
    static final int PACKED_NVLIST = 3;
    static final int DNODE = 10;
    static final int OBJSET = 11;
    static final int DSL_DIR = 12;
    static final int DSL_DIR_CHILD_MAP = 13;
    static final int DSL_PROPS = 15;
    static final int DSL_DATASET = 16;
    static final int ZNODE = 17;
    static final int PLAIN_FILE_CONTENTS = 19;
    static final int DIRECTORY_CONTENTS = 20;
    static final int MASTER_NODE = 21;
    static final int POOL_PROPS = 31;
    static final int SA = 44;
    static final int NEW_TYPE = 0x80;

    private DnodeType() {}
}
