package dev.jkboot.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.JkbootException;
import dev.jkboot.boot.BootHosts;
import dev.jkboot.mem.Align;
import dev.jkboot.mem.Range;
import dev.jkboot.plan.Placement;
import dev.jkboot.plan.StagingArea;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostDescriptionTest {
    /** Not the JVM's: the fixtures must be described from their own files only. */
    private static final String NOT_THE_HOST = "sparc64";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            direct-1g        | 1 | DT_ONLY   | false | false
            direct-2g        | 2 | DT_ONLY   | false | false
            uefi-1g          | 1 | UEFI_ACPI | true  | true
            uefi-2g          | 2 | UEFI_ACPI | true  | true
            uefi-dt-2g       | 2 | UEFI_DT   | true  | false
            uefi-el2-gic3-2g | 2 | UEFI_ACPI | true  | true
            direct-2g-memreserve | 2 | DT_ONLY | false | false
            uefi-2g-crashkernel  | 2 | UEFI_ACPI | true | true
            """)
    void describesEveryCapturedHost(String name, long gib, FirmwareKind kind, boolean uefi, boolean acpi)
            throws JkbootException {
        HostDescription host = HostDescription.read(Fixtures.root(name), NOT_THE_HOST);
        assertEquals(kind, host.firmware());
        assertEquals(uefi, host.uefi().optional().isPresent());
        assertEquals(uefi, host.systab().optional().isPresent());
        assertEquals(uefi, host.smbios().optional().isPresent());
        assertEquals(acpi, host.rsdp().isPresent());
        assertEquals(acpi, host.spcr().optional().isPresent());
        assertEquals(!uefi || kind == FirmwareKind.UEFI_DT, host.deviceTree().orElseThrow().describesHardware());
        host.uefi().optional().ifPresent(u -> {
            assertEquals(SecureBootMode.DISABLED, u.secureBoot());
            assertEquals(48, u.descriptorSize());
            // The map Linux keeps lies in RAM it reserved, so no staging can overwrite it.
            Range map = Range.ofSize(u.mapAddress(), u.mapSize());
            assertTrue(host.ram().optional().orElseThrow().carveouts().stream()
                    .anyMatch(c -> c.range().contains(map)), map::toString);
        });

        // QEMU virt puts RAM at 1 GiB; what System RAM lacks of it, firmware kept ("reserved").
        RamMap ram = host.ram().orElseThrow();
        Range installed = Range.ofSize(Align.GIB, gib * Align.GIB);
        long firmwareKept = ram.firmwareReserved().stream().filter(installed::contains)
                .mapToLong(Range::size).sum();
        assertEquals(installed.size(), ram.systemRamBytes() + firmwareKept);
        assertTrue(ram.systemRam().stream().allMatch(installed::contains));
        assertTrue(ram.usableBytes() < ram.systemRamBytes());

        Meminfo meminfo = host.meminfo().orElseThrow();
        assertTrue(meminfo.memTotal() <= ram.systemRamBytes() && meminfo.memTotal() > ram.systemRamBytes() / 2);

        KexecReadiness readiness = host.readiness();
        assertTrue(readiness.ready(), () -> readiness.blockers().toString());
        assertTrue(readiness.fullyChecked(), () -> readiness.unchecked().toString());

        for (long size : new long[] {StagingArea.KBOOT_SIZE, 300 * Align.MIB}) {
            StagingArea staging = staging(host, size);
            Range placed = Range.ofSize(staging.address(), size);
            assertTrue(Align.isAligned(staging.address(), 2 * Align.MIB));
            assertTrue(ram.usable().stream().anyMatch(r -> r.contains(placed)));
            assertTrue(ram.carveouts().stream().noneMatch(c -> c.range().overlaps(placed)));
            assertTrue(ram.firmwareReserved().stream().noneMatch(r -> r.overlaps(placed)));
        }
        assertTrue(host.commandLine().orElseThrow().text().contains("console=ttyAMA0"));
        assertTrue(host.deviceTree().orElseThrow().blob().length > 0);
    }

    @Test
    void directBootHasMemoryNodesAndNoUefi() throws HostException {
        HostDescription host = HostDescription.read(Fixtures.root("direct-2g"), NOT_THE_HOST);
        DeviceTree dt = host.deviceTree().orElseThrow();
        assertEquals(List.of(Range.ofSize(0x4000_0000L, 2 * Align.GIB)), dt.memory());
        assertEquals(List.of("linux,dummy-virt"), dt.compatible());
        assertEquals(Optional.of("/pl011@9000000"), dt.consolePath());
        assertEquals(OptionalLong.of(0x0900_0000L), dt.consoleAddress());
        assertTrue(dt.describesHardware());
        assertFalse(dt.hasUefiProperties());
        Finding.NotAvailable<?> uefi = assertInstanceOf(Finding.NotAvailable.class, host.uefi());
        assertEquals("/chosen has no linux,uefi-* properties: Linux was not booted through UEFI",
                uefi.reason());
        // The map is missing for the same reason, not for some /dev/mem failure.
        assertEquals(uefi.reason(),
                assertInstanceOf(Finding.NotAvailable.class, host.efiMap()).reason());
        assertEquals(Fixtures.dir("direct-2g").resolve("sys/firmware/efi/systab").toString(),
                assertInstanceOf(Finding.NotAvailable.class, host.systab()).path());
        assertEquals(OptionalLong.empty(), host.rsdp());
    }

    @Test
    void uefiAcpiHostHasTheStubsSkeletonAndAnRsdp() throws HostException {
        HostDescription host = HostDescription.read(Fixtures.root("uefi-2g"), NOT_THE_HOST);
        DeviceTree dt = host.deviceTree().orElseThrow();
        assertFalse(dt.describesHardware());
        assertEquals(2, dt.nodeCount());
        assertEquals(new UefiFacts(0xbffd_0018L, 0xbaf4_d9c0L, 0x5d0, 0x30, 1, SecureBootMode.DISABLED),
                host.uefi().orElseThrow());
        assertEquals(31, host.uefi().orElseThrow().descriptorCount());
        assertEquals(OptionalLong.of(0xbaf4_0018L), host.rsdp());
        Smbios smbios = host.smbios().orElseThrow();
        assertEquals("3.0", smbios.version());
        assertEquals(0xbfec_0000L, smbios.tableAddress());
        assertEquals(340, smbios.dmiFileBytes());
        Spcr spcr = host.spcr().orElseThrow();
        assertEquals("ARM PL011", spcr.interfaceName());
        assertEquals(0x0900_0000L, spcr.address());
        assertTrue(host.acpiTables().orElseThrow().hasSpcr());
        // The tree has no /dev/mem: the map is unreadable and the reason says so.
        Finding.NotAvailable<?> map = assertInstanceOf(Finding.NotAvailable.class, host.efiMap());
        assertTrue(map.reason().startsWith("ENOENT"), map.reason());
        assertTrue(map.fix().contains("trampoline copy the 1488 bytes at 0xbaf4d9c0"), map.fix());
    }

    @Test
    void gicV3HostKeepsItsLpiTablesOutOfStaging() throws JkbootException {
        HostDescription host = HostDescription.read(Fixtures.root("uefi-el2-gic3-2g"), NOT_THE_HOST);
        RamMap ram = host.ram().orElseThrow();
        assertTrue(ram.carveouts().size() > 10);
        StagingArea s = staging(host, StagingArea.KBOOT_SIZE);
        assertTrue(ram.carveouts().stream().noneMatch(
                c -> c.range().overlaps(Range.ofSize(s.address(), StagingArea.KBOOT_SIZE))));
    }

    @Test
    void readsTheMapThroughDevMemWhenTheKernelAllowsIt(@TempDir Path dir) throws Exception {
        Path tree = Fixtures.copy("uefi-2g", dir);
        ByteBuffer map = ByteBuffer.allocate(0x5d0).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 31; i++) {
            map.putInt(i * 48, 7).putLong(i * 48 + 8, 0x4000_0000L + i * 0x10_0000L)
                    .putLong(i * 48 + 24, 0x100).putLong(i * 48 + 32, 0xf);
        }
        new HostTree(tree).directory("/dev");
        try (RandomAccessFile mem = new RandomAccessFile(tree.resolve("dev/mem").toFile(), "rw")) {
            mem.seek(0xbaf4_d9c0L);
            mem.write(map.array());
        }
        HostDescription host = HostDescription.read(new HostRoot(tree), NOT_THE_HOST);
        EfiMemoryMap efi = host.efiMap().orElseThrow();
        assertEquals(31, efi.descriptors().size());
        assertEquals("ConventionalMemory", efi.descriptors().get(30).typeName());
        assertEquals(0x4000_0000L + 30 * 0x10_0000L, efi.descriptors().get(30).physicalStart());
    }

    @Test
    void anEmptyTreeIsDescribedAsNotAvailableEverywhere(@TempDir Path dir) {
        HostDescription host = HostDescription.read(new HostRoot(dir), NOT_THE_HOST);
        for (Finding<?> part : List.of(host.ram(), host.meminfo(), host.commandLine(),
                host.deviceTree(), host.uefi(), host.efiMap(), host.systab(), host.smbios(),
                host.acpiTables(), host.spcr())) {
            Finding.NotAvailable<?> missing = assertInstanceOf(Finding.NotAvailable.class, part);
            assertTrue(missing.path().startsWith(dir.toString()), missing.path());
            assertEquals("does not exist", missing.reason());
        }
        assertEquals(FirmwareKind.UNKNOWN, host.firmware());
        assertTrue(host.readiness().ready());
        assertFalse(host.readiness().fullyChecked());
        assertEquals(6, host.readiness().unchecked().size());
        HostException e = assertThrows(HostException.class, () -> staging(host, StagingArea.KBOOT_SIZE));
        assertEquals(dir.resolve("proc/iomem") + ": does not exist", e.getMessage());
    }

    /** Where a boot of {@code size} bytes would be staged on this host: the boot's own placement. */
    private static StagingArea staging(HostDescription host, long size) throws JkbootException {
        return Placement.find(BootHosts.memory(host), size, 2 * Align.MIB);
    }
}
