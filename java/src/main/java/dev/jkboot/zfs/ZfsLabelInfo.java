package dev.jkboot.zfs;

/**
 * What one member's label says about its pool, enough to group members across disks without
 * opening the pool: the pool's name and guid, this member's vdev guid, and the label's txg (the
 * newest label of a pool is its current configuration).
 */
public record ZfsLabelInfo(String poolName, long poolGuid, long vdevGuid, long txg) {}
