package dev.jkboot.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.JkbootException;
import dev.jkboot.fdt.Fdt;
import dev.jkboot.fdt.FdtNode;
import dev.jkboot.fdt.FdtProperty;
import dev.jkboot.fdt.FdtReader;
import dev.jkboot.fdt.FdtWriter;
import dev.jkboot.freebsd.BootSpecException;
import dev.jkboot.freebsd.Howto;
import dev.jkboot.freebsd.ModInfo;
import dev.jkboot.freebsd.NativeFixtures;
import dev.jkboot.host.HostDescription;
import dev.jkboot.host.HostRoot;
import dev.jkboot.mem.Range;
import dev.jkboot.plan.KexecPlan;
import dev.jkboot.plan.KexecSegment;
import dev.jkboot.plan.TrampolineOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The whole planning pipeline over hosts captured from real VMs and the FreeBSD-shaped test kernel. */
class BootPlanningTest {
    private static final Path HOSTS = Path.of("java/src/test/resources/host");
    private static final Path ORACLE = Path.of("native/testkernel/tools/metadata_oracle.py");

    static BootHost host(String name) throws JkbootException {
        HostDescription d = HostDescription.read(new HostRoot(HOSTS.resolve(name).toAbsolutePath()), "aarch64");
        return BootHosts.from(d, m -> { });
    }

    /** The test kernel under the name FreeBSD's loader would give it. */
    static BootSource kernel() {
        return named("/boot/kernel/kernel", NativeFixtures.testKernel());
    }

    static BootSource named(String name, Path file) {
        return new BootSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public byte[] read() throws JkbootException {
                return BootSource.of(file).read();
            }
        };
    }

    static BootRequest request(List<BootRequest.FileSpec> files) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("vfs.root.mountfrom", "ufs:/dev/vtbd0p2");
        return new BootRequest(kernel(), files, Optional.empty(), Howto.fromSwitches("-s"), env);
    }

    static KexecPlan plan(String hostName) throws JkbootException {
        return plan(host(hostName), request(List.of(new BootRequest.FileSpec(
                named("/boot/kernel/testmod.ko", NativeFixtures.testModule()), Optional.empty(), Optional.empty()))));
    }

    /** The boot sequence's dry run, as {@code jkboot boot --dry-run} runs it, with the UART the host names. */
    static KexecPlan plan(BootHost host, BootRequest request) throws JkbootException {
        return DryRun.sequence().run(host, request, new TrampolineOptions(host.uartPhys(), false, 0),
                BootSequence.Mode.DRY_RUN);
    }

    /**
     * Byte-exact metadata for the test kernel and module, against an independent encoder: a Python
     * script (native/testkernel/tools/metadata_oracle.py, on jkimage.py's ELF reader) that lays the
     * same files out as FreeBSD's loader does. Only the facts are shared: the files, the host's
     * DTB or UEFI map size and system table, the environment and the howto.
     */
    @ParameterizedTest
    @ValueSource(strings = {"direct-2g", "uefi-2g"})
    void metadataMatchesAnIndependentEncoderByteForByte(String hostName) throws Exception {
        BootHost host = host(hostName);
        KexecPlan plan = plan(hostName);
        List<String> cmd = new ArrayList<>(List.of("python3", ORACLE.toString(),
                "--kernel", NativeFixtures.testKernel().toString(), "--kernel-name", "/boot/kernel/kernel",
                "--module", "/boot/kernel/testmod.ko=" + NativeFixtures.testModule(), "--howto", "2"));
        plan.image().env().variables().forEach((k, v) -> cmd.addAll(List.of("--env", k + "=" + v)));
        Path dtb = Files.createTempFile("jk-oracle", ".dtb");
        try {
            if (host.uefi().isPresent()) {
                BootHost.Uefi u = host.uefi().get();
                cmd.addAll(List.of("--efi-map", u.mapSize() + ":" + u.descriptorSize() + ":" + u.descriptorVersion(),
                        "--systab", Long.toString(u.systemTablePhys())));
            } else {
                Files.write(dtb, host.hostDtb().orElseThrow());
                cmd.addAll(List.of("--dtb", dtb.toString()));
            }
            Process oracle = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] expected = oracle.getInputStream().readAllBytes();
            assertEquals(0, oracle.waitFor(), "metadata_oracle.py failed: " + cmd);
            assertEquals(hexLines(expected), hexLines(plan.image().metadata().bytes()), "metadata for " + hostName);
            assertEquals("vfs.root.mountfrom=ufs:/dev/vtbd0p2", plan.image().env().variables().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).filter(e -> e.startsWith("vfs.")).findFirst()
                    .orElseThrow(), "the request's variable reached the environment the oracle was given");
        } finally {
            Files.delete(dtb);
        }
    }

    private static String hexLines(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length; i += 32) {
            sb.append("%06x  %s%n".formatted(i,
                    HexFormat.of().formatHex(bytes, i, Math.min(bytes.length, i + 32))));
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct-1g", "direct-2g", "uefi-1g", "uefi-2g", "uefi-dt-2g", "uefi-el2-gic3-2g",
            "direct-2g-memreserve", "uefi-2g-crashkernel"})
    void everyCapturedHostGetsAPlanInsideItsUsableRam(String hostName) throws Exception {
        BootHost host = host(hostName);
        KexecPlan plan = plan(hostName);
        for (KexecSegment s : plan.segments()) {
            Range r = new Range(s.mem(), s.end());
            assertTrue(host.memory().usableRam().stream().anyMatch(u -> u.contains(r)), r + " in usable RAM");
        }
        assertEquals(0, plan.staging() % (2 << 20));
        boolean uefi = hostName.startsWith("uefi");
        assertEquals(uefi, plan.image().efiMap().isPresent(), "EFI map exactly on UEFI hosts");
        assertEquals(uefi, plan.trampoline().memmapSourcePhys() != 0, "Debian kernels refuse /dev/mem: copy at jump");
        boolean realTree = !hostName.startsWith("uefi-") || hostName.equals("uefi-dt-2g");
        assertEquals(realTree, plan.image().dtbVa().isPresent(), "a DTB only where it describes hardware");
        assertEquals(0x9000000L, plan.trampoline().uartPhys(), "QEMU virt's PL011 from stdout-path or SPCR");
    }

    /**
     * Captured from a VM whose device tree reserves [0x40000000, 0x42000000) with /memreserve/. Linux
     * lists only part of it as reserved (its own image stays "Kernel code", which kexec may
     * overwrite), so usable RAM alone would stage at 0x40400000, inside the reservation.
     */
    @Test
    void aFirstHoleBlockedByAMemoryReservationPlacesTheImageInTheNextHole() throws Exception {
        Range reserved = new Range(0x4000_0000L, 0x4200_0000L);
        BootHost host = host("direct-2g-memreserve");
        assertTrue(host.memory().usableRam().stream().anyMatch(r -> r.contains(0x4040_0000L)),
                "Linux calls part of the reservation usable");
        KexecPlan plan = plan("direct-2g-memreserve");
        assertEquals(0x4200_0000L, plan.staging());
        plan.segments().forEach(s -> assertFalse(reserved.overlaps(new Range(s.mem(), s.end())), s.toString()));
        assertEquals(0x4000_0000L, plan("direct-2g").staging(), "without the reservation: the first hole");
    }

    /** Captured from a UEFI VM booted with crashkernel=256M@0x40000000: a reserved child opens the first hole. */
    @Test
    void aFirstHoleBlockedByAReservedChildPlacesTheImageAfterIt() throws Exception {
        KexecPlan plan = plan("uefi-2g-crashkernel");
        assertEquals(0x5000_0000L, plan.staging());
        assertEquals(0x4000_0000L, plan("uefi-2g").staging(), "without the crash kernel: the first hole");
    }

    @Test
    void uefiAcpiHostPassesTheRsdpAndTheSystemTableButNoSkeletonDtb() throws Exception {
        BootHost host = host("uefi-2g");
        KexecPlan plan = plan("uefi-2g");
        String rsdp = "0x%016x".formatted(host.acpiRsdp().getAsLong());
        assertEquals(rsdp, plan.image().env().get("acpi.rsdp"));
        assertEquals(rsdp, plan.image().env().get("hint.acpi.0.rsdp"));
        assertEquals("ufs:/dev/vtbd0p2", plan.image().env().get("vfs.root.mountfrom"));
        assertEquals("/boot/kernel/kernel", plan.image().env().get("kernelname"));
        assertFalse(plan.image().dtbVa().isPresent());
        assertEquals(host.uefi().orElseThrow().mapPhys(), plan.trampoline().memmapSourcePhys());
        assertEquals(host.uefi().orElseThrow().mapSize(), plan.trampoline().memmapLength());
        long fwHandle = plan.image().metadata().records().stream().filter(r -> r.type() == ModInfo.MD_FW_HANDLE)
                .count();
        assertEquals(1, fwHandle);
    }

    @Test
    void aMissingModuleIsNamed() {
        BootSpecException e = assertThrows(BootSpecException.class, () -> plan(host("direct-2g"),
                request(List.of(new BootRequest.FileSpec(BootSource.of(Path.of("/nonexistent/foo.ko")),
                        Optional.empty(), Optional.empty())))));
        assertTrue(e.getMessage().contains("/nonexistent/foo.ko"), e.getMessage());
    }

    @Test
    void rawFilesKeepTheirBytesAndType() throws Exception {
        Path blob = Files.createTempFile("jk", ".img");
        try {
            byte[] bytes = new byte[3000];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 13);
            }
            Files.write(blob, bytes);
            KexecPlan plan = plan(host("direct-2g"), request(List.of(new BootRequest.FileSpec(
                    named("/boot/mfsroot", blob), Optional.of("md_image"), Optional.empty()))));
            var file = plan.image().files().get(1);
            assertEquals("md_image", file.type());
            byte[] placed = new byte[bytes.length];
            List<KexecSegment.Piece> pieces = new ArrayList<>();
            plan.segments().forEach(s -> pieces.addAll(s.pieces()));
            KexecSegment.Piece piece = pieces.stream().filter(p -> p.pa() == plan.phys(file.address())).findFirst()
                    .orElseThrow();
            piece.data().duplicate().get(placed);
            assertArrayEquals(bytes, placed);
        } finally {
            Files.delete(blob);
        }
    }

    @Test
    void aLoadedDtbFileIsTheTreeFreeBsdGets() throws Exception {
        Path dtb = Path.of("java/src/test/resources/fdt/board.dtb");
        KexecPlan plan = plan(host("uefi-2g"), request(List.of(new BootRequest.FileSpec(
                named("/boot/dtb/board.dtb", dtb), Optional.of("dtb"), Optional.empty()))));
        assertTrue(plan.image().dtbVa().isPresent(), "a skeleton host DTB is replaced by the loaded one");
        assertEquals(Files.size(dtb), plan.image().dtbSize());
        assertEquals("dtb", plan.image().files().get(1).type());
    }

    @Test
    void withSeveralDtbFilesTheFirstIsTheTreeFreeBsdGets() throws Exception {
        Path first = Path.of("java/src/test/resources/fdt/sysfs-uefi-dt.dtb");
        Path second = Path.of("java/src/test/resources/fdt/board.dtb");
        KexecPlan plan = plan(host("uefi-2g"), request(List.of(
                new BootRequest.FileSpec(named("/boot/dtb/first.dtb", first), Optional.of("dtb"), Optional.empty()),
                new BootRequest.FileSpec(named("/boot/dtb/second.dtb", second), Optional.of("dtb"), Optional.empty()))));
        assertTrue(Files.size(first) != Files.size(second), "the sizes tell the two trees apart");
        assertEquals(Files.size(first), plan.image().dtbSize(), "fdt_setup_fdtp takes the first dtb file");
    }

    @Test
    void dtboFilesAreAppliedToTheTreeFreeBsdGetsAndStayLoaded() throws Exception {
        byte[] base = FdtWriter.write(Fdt.of(FdtNode.empty("").withProperty(FdtProperty.ofString("compatible", "b"))));
        FdtNode fragment = FdtNode.empty("fragment@0").withProperty(FdtProperty.ofString("target-path", "/"))
                .withChild(FdtNode.empty("__overlay__").withProperty(FdtProperty.ofString("marker", "applied")));
        byte[] overlay = FdtWriter.write(Fdt.of(FdtNode.empty("").withChild(fragment)));
        BootRequest request = request(List.of(
                new BootRequest.FileSpec(bytes("/boot/dtb/board.dtb", base), Optional.of("dtb"), Optional.empty()),
                new BootRequest.FileSpec(bytes("/boot/dtb/overlays/m.dtbo", overlay), Optional.of("dtbo"),
                        Optional.empty())));
        List<String> log = new ArrayList<>();
        byte[] tree = BootPlanning.withOverlays(BootPlanning.chooseDtb(host("uefi-2g"), request), request, log::add)
                .orElseThrow();
        assertEquals(Optional.of("applied"), FdtReader.read(tree, "merged").property("/", "marker")
                .map(p -> new String(p.value(), 0, p.length() - 1)));
        assertEquals(List.of("applying DTB overlay '/boot/dtb/overlays/m.dtbo'"), log);
        KexecPlan plan = plan(host("uefi-2g"), request);
        assertEquals(tree.length, plan.image().dtbSize(), "the merged tree is the one placed");
        assertEquals("dtbo", plan.image().files().get(2).type(), "the overlay file stays loaded, as in FreeBSD");

        List<String> acpi = new ArrayList<>();
        BootRequest noTree = request(List.of(new BootRequest.FileSpec(bytes("/boot/dtb/overlays/m.dtbo", overlay),
                Optional.of("dtbo"), Optional.empty())));
        assertEquals(Optional.empty(), BootPlanning.withOverlays(Optional.empty(), noTree, acpi::add));
        assertEquals(List.of("DTB overlays not applied: FreeBSD gets no device tree on this host (it boots from "
                + "ACPI); 1 dtbo file(s) loaded as they are"), acpi);
    }

    private static BootSource bytes(String name, byte[] content) {
        return new BootSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public byte[] read() {
                return content.clone();
            }
        };
    }

    @Test
    void theSmbiosVariablesOfAUefiHostReachTheKernelAndADeviceTreeHostHasNone() throws Exception {
        KexecPlan uefi = plan("uefi-2g");
        assertEquals("0xbfed0000", uefi.image().env().get("hint.smbios.0.mem"));
        assertEquals("QEMU Virtual Machine", uefi.image().env().get("smbios.system.product"));
        assertEquals("3.0", uefi.image().env().get("smbios.version"));
        assertTrue(plan("direct-2g").image().env().variables().keySet().stream().noneMatch(k -> k.contains("smbios")));
    }

    @Test
    void aCorruptSmbiosTableIsReportedAndTheBootGoesOnWithWhatCameBefore(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path root = dir.resolve("host");
        copyTree(HOSTS.resolve("uefi-2g"), root);
        Path dmi = root.resolve("sys/firmware/dmi/tables/DMI");
        // Cut inside the chassis structure (type 3, 22 bytes at 0x3f), after the system structure.
        Files.write(dmi, java.util.Arrays.copyOf(Files.readAllBytes(dmi), 0x50));
        List<String> log = new ArrayList<>();
        BootHost host = BootHosts.from(HostDescription.read(new HostRoot(root), "aarch64"), log::add);
        assertEquals(List.of("SMBIOS structure 1 (type 3) at offset 0x3f: its 22-byte formatted area runs past the "
                + "table end (0x50); it and the structures after it skipped (" + new HostRoot(root).show(
                "/sys/firmware/dmi/tables/DMI") + ")"), log.stream().filter(m -> m.startsWith("SMBIOS")).toList());
        assertEquals("QEMU", host.smbios().get("smbios.system.maker"), "the structure before it still counts");
        assertTrue(!host.smbios().containsKey("smbios.chassis.maker"));
        assertEquals("v3 (64-bit)", host.smbios().get("smbios.entry_point_type"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
