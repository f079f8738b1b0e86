package dev.jkboot.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.jkboot.exec.NativeKexec.SegmentTable;
import dev.jkboot.plan.KexecSegment;
import dev.jkboot.plan.KexecSegment.Piece;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment that is one mapped file is handed to Linux where it is mapped: the table's buf is the
 * mapping's own address and no buffer of its size is allocated; what Linux reads is the file.
 */
class InPlaceSegmentTest {
    @Test
    void aMappedFileIsPassedInPlaceAndReadAsTheFile(@TempDir Path dir) throws Exception {
        byte[] data = new byte[3 * 4096 + 100];
        new Random(14).nextBytes(data);
        Path file = dir.resolve("md.img");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(data);
        }
        ByteBuffer mapped;
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            mapped = c.map(FileChannel.MapMode.READ_ONLY, 0, data.length);
        }
        ByteBuffer view = mapped.slice(4096, data.length - 4096).asReadOnlyBuffer();
        KexecSegment inPlace = new KexecSegment(0x4100_0000L, 0x3000, view.remaining(),
                List.of(new Piece("/boot/md.img", 0x4100_0000L, view, view.remaining())));
        KexecSegment copied = new KexecSegment(0x4200_0000L, 0x1000, 16,
                List.of(new Piece("env", 0x4200_0000L, ByteBuffer.wrap(new byte[16]), 16)));

        FakeKernelShim linux = new FakeKernelShim();
        SegmentTable t = SegmentTable.of(List.of(inPlace, copied), linux);
        assertEquals(1, t.buffers().size(), "only the small segment has a buffer of its own");
        assertEquals(1, t.mapped().size());
        assertEquals(Pointer.nativeValue(Native.getDirectBufferPointer(mapped)) + 4096,
                t.table().order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0), "buf is the mapping itself, at the view's first byte");
        t.close();

        new NativeKexec(linux, NativeKexec.KEXEC_ARCH_AARCH64).load(0x4100_0000L, List.of(inPlace, copied));
        byte[] expected = java.util.Arrays.copyOfRange(data, 4096, data.length);
        assertArrayEquals(expected, linux.calls.get(0).segments().get(0).bytes());
        assertEquals(List.of(), linux.live);
    }
}
