package dev.jkboot.freebsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetadataBlockTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String spaced) {
        return HEX.parseHex(spaced.replaceAll("\\s+", ""));
    }

    @Test
    void encodesTheContractsWorkedExampleByteForByte() {
        PreloadedFile kernel = new PreloadedFile("/boot/kernel/kernel", "elf kernel", Optional.empty(),
                Arm64.KERNBASE, 0x123456, List.of(
                        MetadataRecord.u64(ModInfo.MD_KERNEND, 0xffff000000400000L),
                        MetadataRecord.u32(ModInfo.MD_HOWTO, 0x802)));
        byte[] expected = hex("""
                01000000 14000000 2f626f6f742f6b65726e656c2f6b65726e656c00 00000000
                02000000 0b000000 656c66206b65726e656c00 0000000000
                03000000 08000000 000000000000ffff
                04000000 08000000 5634120000000000
                08800000 08000000 000040000000ffff
                07800000 04000000 02080000 00000000
                00000000 00000000
                """);
        MetadataBlock block = MetadataBlock.encode(List.of(kernel));
        assertArrayEquals(expected, block.bytes());
    }

    @Test
    void recordsTheDataOffsetOfEveryRecord() {
        PreloadedFile kernel = new PreloadedFile("k", "elf kernel", Optional.of("-s"), Arm64.KERNBASE, 16,
                List.of(MetadataRecord.u64(ModInfo.MD_KERNEND, 1)));
        MetadataBlock block = MetadataBlock.encode(List.of(kernel));
        // NAME "k\0" (8+8) TYPE "elf kernel\0" (8+16) ARGS "-s\0" (8+8) ADDR (8+8) SIZE (8+8) KERNEND data at 8+..
        assertEquals(8 + 8 + 8 + 16 + 8 + 8 + 8 + 8 + 8 + 8 + 8, block.kernelRecord(ModInfo.MD_KERNEND).dataOffset());
        assertEquals(8, block.kernelRecord(ModInfo.NAME).dataOffset());
    }

    @Test
    void everyFileStartsWithItsNameAndTheDecoderSeesWhatWasEncoded() {
        PreloadedFile kernel = new PreloadedFile("/boot/kernel/kernel", "elf kernel", Optional.empty(),
                Arm64.KERNBASE, 0x2000, List.of(MetadataRecord.u32(ModInfo.MD_HOWTO, 2)));
        PreloadedFile module = new PreloadedFile("/boot/kernel/foo.ko", "elf module", Optional.of("a=1"),
                Arm64.KERNBASE + 0x2000, 0x1000, List.of(new MetadataRecord(ModInfo.MD_ELFHDR, new byte[64])));
        PreloadedFile raw = new PreloadedFile("/boot/mfsroot", "md_image", Optional.empty(),
                Arm64.KERNBASE + 0x3000, 5, List.of());
        List<MetadataDecoder.File> files = MetadataDecoder.decode(MetadataBlock.encode(List.of(kernel, module, raw)).bytes());
        assertEquals(3, files.size());
        assertEquals("/boot/kernel/kernel", files.get(0).find(ModInfo.NAME).string());
        assertEquals("elf kernel", files.get(0).find(ModInfo.TYPE).string());
        assertEquals(2, files.get(0).find(ModInfo.MD_HOWTO).u32());
        assertEquals("a=1", files.get(1).find(ModInfo.ARGS).string());
        assertEquals(Arm64.KERNBASE + 0x2000, files.get(1).find(ModInfo.ADDR).u64());
        assertEquals(64, files.get(1).find(ModInfo.MD_ELFHDR).data().length);
        assertEquals("md_image", files.get(2).find(ModInfo.TYPE).string());
        assertEquals(5, files.get(2).find(ModInfo.SIZE).u64());
    }
}
