package dev.jkboot.boot;

import dev.jkboot.JkbootException;
import dev.jkboot.fdt.Chosen;
import dev.jkboot.fdt.Fdt;
import dev.jkboot.fdt.FdtException;
import dev.jkboot.fdt.FdtProperty;
import dev.jkboot.fdt.FdtReader;
import dev.jkboot.host.DevMem;
import dev.jkboot.host.EfiSystab;
import dev.jkboot.host.Finding;
import dev.jkboot.host.KexecFacts;
import dev.jkboot.host.KexecReadiness;
import dev.jkboot.host.SecureBootMode;
import dev.jkboot.host.HostException;
import dev.jkboot.host.HostRoot;
import dev.jkboot.host.RamMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** Distils what discovery reads from a host root into the {@link BootHost} a boot needs. */
public final class BootHosts {
    static final String FDT = "/sys/firmware/fdt";
    /** Larger than any real device tree (QEMU's is 1 MiB). */
    private static final int FDT_LIMIT = 16 << 20;

    private BootHosts() {}

    public static BootHost discover(HostRoot root, Consumer<String> log) throws JkbootException {
        RamMap ram = RamMap.read(root);
        Optional<byte[]> dtbBytes = Optional.empty();
        Optional<Fdt> fdt = Optional.empty();
        if (root.exists(FDT)) {
            dtbBytes = Optional.of(root.read(FDT, FDT_LIMIT));
            fdt = Optional.of(FdtReader.read(dtbBytes.get(), root.show(FDT)));
        }
        Optional<BootHost.Uefi> uefi = Optional.empty();
        if (fdt.isPresent()) {
            uefi = uefi(root, fdt.get().chosen(), log);
        }
        OptionalLong rsdp = root.exists(EfiSystab.PATH) ? EfiSystab.read(root).rsdp() : OptionalLong.empty();
        boolean describesHardware = fdt.map(BootHosts::describesHardware).orElse(false);
        long uart = fdt.map(BootHosts::pl011Console).orElse(0L);
        return new BootHost(ram.usable(), uefi, dtbBytes, describesHardware, rsdp, uart);
    }

    /**
     * Whether this Linux will kexec at all (lockdown, kexec_load_disabled, CONFIG_KEXEC, CAP_SYS_BOOT,
     * architecture, Secure Boot), read without touching any kernel file.
     */
    public static KexecReadiness readiness(HostRoot root) {
        Finding<SecureBootMode> secureBoot = Finding.of(() -> {
            try {
                Fdt fdt = FdtReader.read(root.read(FDT, FDT_LIMIT), root.show(FDT));
                Optional<FdtProperty> p = fdt.property("/chosen", "linux,uefi-secure-boot");
                return p.isEmpty() ? SecureBootMode.UNSET : SecureBootMode.of(p.get().asU32(), root.show(FDT));
            } catch (FdtException e) {
                throw new HostException(root.show(FDT), e.getMessage(), e.fix());
            }
        });
        return KexecReadiness.assess(KexecFacts.read(root, System.getProperty("os.arch"), secureBoot));
    }

    /** All five {@code linux,uefi-*} values, and the map itself if {@code /dev/mem} gives it up. */
    static Optional<BootHost.Uefi> uefi(HostRoot root, Chosen c, Consumer<String> log) {
        if (c.uefiSystemTable().isEmpty() || c.uefiMmapStart().isEmpty() || c.uefiMmapSize().isEmpty()
                || c.uefiMmapDescSize().isEmpty() || c.uefiMmapDescVersion().isEmpty()) {
            return Optional.empty();
        }
        long start = c.uefiMmapStart().getAsLong();
        long size = c.uefiMmapSize().getAsLong();
        Optional<byte[]> descriptors = Optional.empty();
        try {
            descriptors = Optional.of(DevMem.read(root, start, (int) Math.min(size, Integer.MAX_VALUE)));
        } catch (HostException e) {
            log.accept("UEFI memory map not readable now (" + e.getMessage()
                    + "); the trampoline will copy it at jump time");
        }
        return Optional.of(new BootHost.Uefi(c.uefiSystemTable().getAsLong(), start, size,
                c.uefiMmapDescSize().getAsLong(), (int) c.uefiMmapDescVersion().getAsLong(), descriptors));
    }

    /** The EFI stub's skeleton holds only {@code /chosen}; a real tree has hardware nodes too. */
    static boolean describesHardware(Fdt fdt) {
        return fdt.root().children().stream().anyMatch(n -> !n.name().equals("chosen"));
    }

    /** The console's base address when {@code stdout-path} names a PL011 (the trampoline greets there). */
    static long pl011Console(Fdt fdt) {
        try {
            Optional<String> path = fdt.chosen().stdoutPath().map(p -> p.split(":", 2)[0]);
            if (path.isEmpty()) {
                return 0;
            }
            Optional<FdtProperty> compatible = fdt.node(path.get()).flatMap(n -> n.property("compatible"));
            if (compatible.isEmpty() || !compatible.get().asStrings().contains("arm,pl011")) {
                return 0;
            }
            return fdt.reg(path.get()).get(0).start();
        } catch (JkbootException | RuntimeException e) {
            return 0; // a console we cannot understand only costs the trampoline's greeting
        }
    }
}
