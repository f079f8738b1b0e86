package dev.jkboot.ufs;

import dev.jkboot.disk.FileBlockDevice;
import dev.jkboot.disk.TestImages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Makes a file of a makefs-built UFS2 image sparse and large without writing its data: the
 * inode's {@code di_size} (a 64-bit little-endian field at byte 16 of {@code struct ufs2_dinode},
 * sys/ufs/ufs/dinode.h) is raised, so every block past the ones makefs wrote is a hole, which reads
 * as zeros. That is how a sparse md_image looks on FreeBSD's UFS2. The file must already be a whole
 * number of blocks: UFS2 keeps only the last block of a small file in fragments, so a fragment tail
 * would no longer be last. The inode is found through the reader under test; the field's place comes
 * from the header, not from the reader.
 */
public final class SparseUfs {
    private SparseUfs() {}

    /** Sets the size of {@code path} in the UFS2 file system at {@code fsOffset} of {@code image}. */
    public static void setSize(Path image, long fsOffset, String path, long size) throws Exception {
        long at;
        try (FileBlockDevice device = FileBlockDevice.openImage(image, 512)) {
            Ufs2 fs = Ufs2.open(device, fsOffset, device.size() - fsOffset, image.toString());
            FileStat stat = fs.stat(path);
            if (stat.size() == 0 || stat.size() % fs.superblock().bsize() != 0) {
                throw new IllegalArgumentException(path + " is " + stat.size() + " bytes, not a whole number of "
                        + fs.superblock().bsize() + "-byte blocks");
            }
            long inode = stat.inode();
            at = fsOffset + fs.superblock().inodeOffset(inode) + 16;
        }
        TestImages.writeAt(image, at, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(size).array());
    }
}
