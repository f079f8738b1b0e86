package dev.jkboot.ufs;

import dev.jkboot.disk.BlockDevice;
import dev.jkboot.disk.DiskException;
import dev.jkboot.disk.FileBlockDevice;
import dev.jkboot.disk.Partition;
import dev.jkboot.disk.RootCandidate;
import dev.jkboot.disk.RootSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The FreeBSD root file system to boot from, open read-only: the first candidate holding a UFS2
 * file system with {@code /boot/kernel/kernel} or {@code /boot/defaults/loader.conf}, the test
 * kboot applies to each device (stand/kboot/kboot/main.c).
 */
public final class FreeBsdRoot implements AutoCloseable {
    /** A file system holding either of these is a FreeBSD root (kboot: sanity_check_currdev). */
    public static final List<String> MARKERS = List.of("/boot/kernel/kernel", "/boot/defaults/loader.conf");

    private final RootCandidate candidate;
    private final BlockDevice device;
    private final Ufs2 fs;

    private FreeBsdRoot(RootCandidate candidate, BlockDevice device, Ufs2 fs) {
        this.candidate = candidate;
        this.device = device;
        this.fs = fs;
    }

    /**
     * Probes the candidates in order.
     *
     * @throws UfsException naming every candidate and why it was not a FreeBSD root
     */
    public static FreeBsdRoot find(RootSelection selection) throws UfsException {
        List<String> reasons = new ArrayList<>();
        for (RootCandidate candidate : selection.candidates()) {
            Optional<FreeBsdRoot> root = probe(candidate, reasons);
            if (root.isPresent()) {
                return root.get();
            }
        }
        reasons.addAll(selection.notes());
        throw notFound(reasons);
    }

    /** The root on one candidate, or empty with the reason it is none added to {@code reasons}. */
    public static Optional<FreeBsdRoot> probe(RootCandidate candidate, List<String> reasons) {
        BlockDevice device = null;
        try {
            device = FileBlockDevice.open(candidate.disk());
            Partition p = candidate.partition();
            Ufs2 fs = Ufs2.open(device, p.startByte(), p.sizeBytes(), candidate.spec());
            for (String marker : MARKERS) {
                if (fs.exists(marker)) {
                    return Optional.of(new FreeBsdRoot(candidate, device, fs));
                }
            }
            reasons.add("%s: %s has neither %s".formatted(
                    candidate.spec(), fs.superblock().describe(), String.join(" nor ", MARKERS)));
        } catch (DiskException | UfsException e) {
            reasons.add(e.getMessage().startsWith(candidate.spec())
                    ? e.getMessage() : candidate.spec() + ": " + e.getMessage());
        }
        if (device != null) {
            device.close();
        }
        return Optional.empty();
    }

    /** The error when no candidate is a root: every reason, in the order the candidates were tried. */
    public static UfsException notFound(List<String> reasons) {
        return new UfsException(
                "no FreeBSD root file system found: " + String.join("; ", reasons),
                "attach the disk holding FreeBSD's /boot, or name its partition with DEV:PART");
    }

    public RootCandidate candidate() {
        return candidate;
    }

    public Ufs2 fs() {
        return fs;
    }

    @Override
    public void close() {
        device.close();
    }
}
