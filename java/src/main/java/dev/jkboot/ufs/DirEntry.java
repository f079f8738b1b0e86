package dev.jkboot.ufs;

/**
 * One name in a directory.
 *
 * @param type from the entry's {@code d_type}; {@link FileType#UNKNOWN} if it was not recorded
 */
public record DirEntry(String name, long inode, FileType type) {}
