package dev.jkboot.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link Guids#read}, the GPT reader's only way from on-disk bytes to GUIDs, against bytes others wrote. */
class GuidsTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * The first two entries of a partition array written by sgdisk 1.0.9 (Debian 12), LBA 2 of an image made
     * with {@code sgdisk -n 1:2048:+1M -t 1:a503 -u 1:0d2e8f7a-5b41-4c39-9e6a-1f2b3c4d5e6f -c 1:rootfs
     * -n 2:0:+512K -t 2:a501 -u 2:R}; the GUIDs are what {@code sgdisk -i 1} and {@code -i 2} printed.
     */
    private static final byte[] SGDISK_ENTRIES = HEX.parseHex(
            "b67c6e51cf6ed6118ff800022d09712b7a8f2e0d415b394c9e6a1f2b3c4d5e6f0008000000000000ff0f000000000000"
                    + "0000000000000000" + "72006f006f00740066007300" + "00".repeat(128 - 68)
                    + "9d6bbd83417fdc11be0b001560b84f0f95f49b25046dc84b9747fadd819c8f830010000000000000ff13000000000000"
                    + "00".repeat(128 - 48));

    @Test
    void sgdiskEntriesReadAsSgdiskPrintsThem() {
        assertEquals(256, SGDISK_ENTRIES.length);
        assertEquals(UUID.fromString("516e7cb6-6ecf-11d6-8ff8-00022d09712b"), Guids.read(SGDISK_ENTRIES, 0), "FreeBSD UFS");
        assertEquals(UUID.fromString("0d2e8f7a-5b41-4c39-9e6a-1f2b3c4d5e6f"), Guids.read(SGDISK_ENTRIES, 16));
        assertEquals(UUID.fromString("83bd6b9d-7f41-11dc-be0b-001560b84f0f"), Guids.read(SGDISK_ENTRIES, 128), "FreeBSD boot");
        assertEquals(UUID.fromString("259bf495-6d04-4bc8-9747-fadd819c8f83"), Guids.read(SGDISK_ENTRIES, 144));
        assertEquals(PartitionKind.FREEBSD_UFS, PartitionKind.ofGptType(Guids.read(SGDISK_ENTRIES, 0)));
        assertEquals(PartitionKind.FREEBSD_BOOT, PartitionKind.ofGptType(Guids.read(SGDISK_ENTRIES, 128)));
    }

    @Test
    void everyTypeJkbootKnowsFromItsOnDiskBytes() {
        // sys/sys/disk/gpt.h and the UEFI specification give these as {time_low, time_mid, time_hi, clock/node};
        // on disk the first three are little-endian, which is written out here by hand.
        Map<String, PartitionKind> onDisk = Map.of(
                "b47c6e51cf6ed6118ff800022d09712b", PartitionKind.FREEBSD_SLICE,
                "b57c6e51cf6ed6118ff800022d09712b", PartitionKind.FREEBSD_SWAP,
                "b67c6e51cf6ed6118ff800022d09712b", PartitionKind.FREEBSD_UFS,
                "ba7c6e51cf6ed6118ff800022d09712b", PartitionKind.FREEBSD_ZFS,
                "9d6bbd83417fdc11be0b001560b84f0f", PartitionKind.FREEBSD_BOOT,
                "28732ac11ff8d211ba4b00a0c93ec93b", PartitionKind.EFI,
                // Linux filesystem data 0fc63daf-8483-4772-8e79-3d69d8477de4, and the big-endian spelling of FreeBSD UFS.
                "af3dc60f838472478e793d69d8477de4", PartitionKind.OTHER,
                "516e7cb66ecf11d68ff800022d09712b", PartitionKind.OTHER);
        onDisk.forEach((hex, kind) -> assertEquals(kind, PartitionKind.ofGptType(Guids.read(HEX.parseHex(hex), 0)), hex));
        assertEquals(UUID.fromString("0fc63daf-8483-4772-8e79-3d69d8477de4"),
                Guids.read(HEX.parseHex("af3dc60f838472478e793d69d8477de4"), 0));
    }

    @Test
    void anyBytesAtAnyOffsetFollowTheMixedEndianRule() {
        long seed = 20240917L;
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            byte[] disk = new byte[16 + random.nextInt(64)];
            random.nextBytes(disk);
            int at = random.nextInt(disk.length - 15);
            String h = HEX.formatHex(disk, at, at + 16);
            // Reverse the bytes of the first three fields; keep the last eight in order.
            String expected = reversed(h.substring(0, 8)) + "-" + reversed(h.substring(8, 12)) + "-"
                    + reversed(h.substring(12, 16)) + "-" + h.substring(16, 20) + "-" + h.substring(20);
            assertEquals(expected, Guids.read(disk, at).toString(), "seed " + seed + ", case " + i + ": " + h);
        }
    }

    private static String reversed(String hex) {
        StringBuilder out = new StringBuilder();
        for (int i = hex.length() - 2; i >= 0; i -= 2) {
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }

    @Test
    void theExtremesAreUnsigned() {
        assertEquals(new UUID(0, 0), Guids.read(new byte[16], 0));
        byte[] ones = HEX.parseHex("ff".repeat(16));
        assertEquals(UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"), Guids.read(ones, 0));
        // A top bit in each field must not spill into its neighbours by sign extension.
        assertEquals(UUID.fromString("80000000-8000-8000-8000-000000000000"),
                Guids.read(HEX.parseHex("00000080" + "0080" + "0080" + "8000" + "000000000000"), 0));
    }

    @Test
    void aGuidPastTheEndIsNotRead() {
        assertThrows(IndexOutOfBoundsException.class, () -> Guids.read(new byte[31], 16));
    }
}
