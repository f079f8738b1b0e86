package dev.jkboot.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The length and range checks of the host readers at their edges: the UEFI memory map's shape and
 * descriptors, the SMBIOS entry point, the SPCR table, /proc/meminfo and the EFI systab. The last
 * good value is read; one more is refused, with the reader's own words, before anything is read out
 * of range.
 */
class HostReaderLimitsTest {
    private static final String WHERE = "test";

    private static String refused(Executable e) {
        return assertThrows(HostException.class, e::run).reason();
    }

    @FunctionalInterface
    private interface Executable {
        void run() throws Exception;
    }

    // UEFI memory map

    @Test
    void descriptorSizesFrom40To4096AreAccepted() throws Exception {
        EfiMemoryMap.checkLayout(40, 40, 1, WHERE);
        EfiMemoryMap.checkLayout(4096, 4096, 1, WHERE);
        assertEquals("the UEFI memory map has descriptor size 39, outside 40..4096",
                refused(() -> EfiMemoryMap.checkLayout(39 * 4, 39, 1, WHERE)));
        assertEquals("the UEFI memory map has descriptor size 4097, outside 40..4096",
                refused(() -> EfiMemoryMap.checkLayout(4097, 4097, 1, WHERE)));
    }

    @Test
    void mapSizesFromOneDescriptorTo1MiBAreAccepted() throws Exception {
        EfiMemoryMap.checkLayout(48, 48, 1, WHERE);
        EfiMemoryMap.checkLayout(1 << 20, 64, 1, WHERE);
        assertEquals("the UEFI memory map has map size 0, outside 1..1048576",
                refused(() -> EfiMemoryMap.checkLayout(0, 48, 1, WHERE)));
        assertEquals("the UEFI memory map has map size 1048640, outside 1..1048576",
                refused(() -> EfiMemoryMap.checkLayout((1 << 20) + 64, 64, 1, WHERE)));
        assertEquals("the UEFI memory map has map size 100 is not a multiple of the descriptor size 48",
                refused(() -> EfiMemoryMap.checkLayout(100, 48, 1, WHERE)));
    }

    private static byte[] descriptor(long start, long pages) {
        return ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 7).putLong(8, start)
                .putLong(24, pages).array();
    }

    @Test
    void decodingChecksTheShapeOfTheBytesItIsGiven() {
        assertEquals("the UEFI memory map has descriptor version 2, not 1",
                refused(() -> EfiMemoryMap.decode(descriptor(0, 1), 48, 2, WHERE)));
        assertEquals("the UEFI memory map has map size 47 is not a multiple of the descriptor size 48",
                refused(() -> EfiMemoryMap.decode(Arrays.copyOf(descriptor(0, 1), 47), 48, 1, WHERE)));
    }

    @Test
    void aDescriptorMayStartAtZeroAndEndExactlyAt2To63() throws Exception {
        assertEquals(0, EfiMemoryMap.decode(descriptor(0, 0), 48, 1, WHERE).descriptors().get(0).physicalStart());
        long start = 0x4000_0000L;
        long most = (Long.MAX_VALUE - start) / 4096;
        assertEquals(most, EfiMemoryMap.decode(descriptor(start, most), 48, 1, WHERE).descriptors().get(0).pages());
        assertTrue(refused(() -> EfiMemoryMap.decode(descriptor(start, most + 1), 48, 1, WHERE))
                .endsWith("run past the end of the address space"));
        assertTrue(refused(() -> EfiMemoryMap.decode(descriptor(start, -1), 48, 1, WHERE))
                .endsWith("run past the end of the address space"));
        assertTrue(refused(() -> EfiMemoryMap.decode(descriptor(-4096, 1), 48, 1, WHERE))
                .endsWith("is not a 4 KiB-aligned physical address"));
    }

    // SMBIOS entry point

    private static byte[] smbios2(int length, int declared) {
        byte[] e = new byte[length];
        System.arraycopy("_SM_".getBytes(StandardCharsets.US_ASCII), 0, e, 0, 4);
        e[5] = (byte) declared;
        if (length >= 0x15) {
            System.arraycopy("_DMI_".getBytes(StandardCharsets.US_ASCII), 0, e, 0x10, 5);
        }
        return e;
    }

    @Test
    void anSmbios2EntryPointMustHoldItsFixedStructure() throws Exception {
        assertEquals("_SM_", Smbios.parse(smbios2(0x1f, 0x1f), 0, WHERE).anchor());
        assertEquals("_SM_", Smbios.parse(smbios2(0x20, 0x20), 0, WHERE).anchor());
        assertEquals("is 20 bytes, shorter than the 31 of its entry point",
                refused(() -> Smbios.parse(smbios2(20, 0x1f), 0, WHERE)));
        assertEquals("declares a length of 32 bytes, but holds 31 and needs 31",
                refused(() -> Smbios.parse(smbios2(0x1f, 0x20), 0, WHERE)));
        assertEquals("declares a length of 30 bytes, but holds 31 and needs 31",
                refused(() -> Smbios.parse(smbios2(0x1f, 0x1e), 0, WHERE)));
    }

    @Test
    void anEntryPointOfJustItsAnchorIsTooShortNotUnknown() {
        assertEquals("is 4 bytes, shorter than the 31 of its entry point",
                refused(() -> Smbios.parse("_SM_".getBytes(StandardCharsets.US_ASCII), 0, WHERE)));
        assertEquals("starts with neither \"_SM3_\" nor \"_SM_\"",
                refused(() -> Smbios.parse("_SM".getBytes(StandardCharsets.US_ASCII), 0, WHERE)));
    }

    // SPCR

    private static byte[] spcr(int size, long declared) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put("SPCR".getBytes(StandardCharsets.US_ASCII)).putInt(4, (int) declared);
        if (size > 44 + 8) {
            b.put(36, (byte) 3).put(40, (byte) 0).putLong(44, 0x0900_0000L);
        }
        return b.array();
    }

    @Test
    void anSpcrTableOf52BytesIsRead() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(52).order(ByteOrder.LITTLE_ENDIAN);
        b.put("SPCR".getBytes(StandardCharsets.US_ASCII)).putInt(4, 52).put(36, (byte) 3).put(40, (byte) 1)
                .putLong(44, 0x0900_0000L);
        Spcr s = Spcr.parse(b.array(), WHERE);
        assertEquals(3, s.interfaceType());
        assertEquals(1, s.addressSpace());
        assertEquals(0x0900_0000L, s.address());
        assertEquals(0x0900_0000L, Spcr.parse(spcr(80, 80), WHERE).address()); // longer than it needs: fine
        assertEquals("is 51 bytes, shorter than the 52 an SPCR table needs", refused(() -> Spcr.parse(spcr(51, 51), WHERE)));
        assertEquals("declares a length of 81 bytes but holds 80", refused(() -> Spcr.parse(spcr(80, 81), WHERE)));
        assertEquals("declares a length of 51 bytes but holds 80", refused(() -> Spcr.parse(spcr(80, 51), WHERE)));
        ByteBuffer high = ByteBuffer.wrap(spcr(80, 80)).order(ByteOrder.LITTLE_ENDIAN);
        high.put(36, (byte) 0x8e).put(40, (byte) 0xff);
        assertEquals(0x8e, Spcr.parse(high.array(), WHERE).interfaceType());
        assertEquals(0xff, Spcr.parse(high.array(), WHERE).addressSpace());
    }

    // /proc/meminfo and the EFI systab

    private static final String MEMINFO = "MemTotal: 2000 kB\nMemAvailable: 1000 kB\nCommitLimit: 3000 kB\n"
            + "Committed_AS: 10 kB\n";

    @Test
    void theLargestKilobyteCountThatFitsIsRead() throws Exception {
        long most = Long.MAX_VALUE / 1024;
        Meminfo m = Meminfo.parse(MEMINFO.replace("MemTotal: 2000", "MemTotal: " + most), WHERE);
        assertEquals(most * 1024, m.memTotal());
        assertTrue(refused(() -> Meminfo.parse(MEMINFO.replace("MemTotal: 2000", "MemTotal: " + (most + 1)), WHERE))
                .endsWith("kB is more memory than exists"));
    }

    @Test
    void onlyAMissingMemAvailableSaysWhichLinuxHasIt() {
        HostException noAvailable = assertThrows(HostException.class,
                () -> Meminfo.parse(MEMINFO.replace("MemAvailable: 1000 kB\n", ""), WHERE));
        assertEquals("MemAvailable needs Linux 3.14 or newer", noAvailable.fix());
        HostException noTotal = assertThrows(HostException.class,
                () -> Meminfo.parse(MEMINFO.replace("MemTotal: 2000 kB\n", ""), WHERE));
        assertEquals("", noTotal.fix());
    }

    @Test
    void aSystabAddressOfZeroIsAnAddress() throws Exception {
        assertEquals(0, EfiSystab.parse("ACPI20=0x0\n", WHERE).rsdp().getAsLong());
        assertTrue(refused(() -> EfiSystab.parse("ACPI20=0x8000000000000000\n", WHERE))
                .contains("is beyond any physical address"));
    }
}
