package dev.jkboot.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.RequiredTool;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileContentTest {
    /** Larger than any Java array, sparse, ending in 1 2 3 4. */
    private static final long SPARSE_SIZE = (5L << 30) / 2 + 12345;

    @Test
    void aFileLargerThanAnyArrayIsMappedInExtentsOfOneGib(@TempDir Path dir) throws Exception {
        Path file = sparseFile(dir);
        FileContent c;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            c = FileContent.map(channel, channel.size());
        }
        assertMappedInExtents(c, SPARSE_SIZE);
    }

    @Test
    void theShimMapsTheSameExtents(@TempDir Path dir) throws Exception {
        RequiredTool.useHostShim();
        assertTrue(NativeMapping.available(), "the shim maps, not the FileChannel fallback");
        assertMappedInExtents(FileContent.map(sparseFile(dir)), SPARSE_SIZE);
    }

    private static Path sparseFile(Path dir) throws IOException {
        Path file = dir.resolve("sparse");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(SPARSE_SIZE);
            f.seek(SPARSE_SIZE - 4);
            f.write(new byte[] {1, 2, 3, 4});
        }
        return file;
    }

    private static void assertMappedInExtents(FileContent c, long size) {
        assertEquals(size, c.size());
        assertEquals(List.of(0L, 1L << 30, 2L << 30), c.extents().stream().map(FileContent.Extent::offset).toList());
        assertEquals(size - (2L << 30), c.extents().get(2).bytes().remaining());
        assertTrue(c.extents().stream().allMatch(e -> e.bytes().isDirect() && e.bytes().isReadOnly()));
        ByteBuffer last = c.extents().get(2).bytes();
        assertEquals(4, last.get(last.limit() - 1), "the mapping outlives the channel (or the shim's descriptor)");
        assertThrows(IllegalStateException.class, c::toArray);
    }

    @Test
    void holesReadAsZerosAndBadExtentsAreRefused() {
        FileContent c = new FileContent(10, List.of(new FileContent.Extent(2, ByteBuffer.wrap(new byte[] {7, 8})),
                new FileContent.Extent(6, ByteBuffer.wrap(new byte[] {9}))));
        assertArrayEquals(new byte[] {0, 0, 7, 8, 0, 0, 9, 0, 0, 0}, c.toArray());
        assertArrayEquals(new byte[] {5}, FileContent.of(new byte[] {5}).toArray());
        assertEquals(0, FileContent.of(new byte[0]).extents().size());
        assertThrows(IllegalArgumentException.class, () -> new FileContent(3,
                List.of(new FileContent.Extent(2, ByteBuffer.wrap(new byte[2])))));
        assertThrows(IllegalArgumentException.class, () -> new FileContent(10, List.of(
                new FileContent.Extent(4, ByteBuffer.wrap(new byte[2])), new FileContent.Extent(5, ByteBuffer.wrap(new byte[1])))));
    }
}
