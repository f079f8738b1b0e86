package dev.jkboot.disk;

/** How a disk (or a FreeBSD slice) is divided. */
public enum PartitionScheme {
    GPT,
    MBR,
    /** A BSD disklabel: inside an MBR slice of type 0xa5, or on a whole "dangerously dedicated" disk. */
    BSD,
    /** No partition table: the whole disk may hold a file system. */
    NONE
}
