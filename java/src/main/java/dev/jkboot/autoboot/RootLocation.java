package dev.jkboot.autoboot;

import dev.jkboot.disk.DiskException;
import dev.jkboot.disk.DiskSpec;
import dev.jkboot.disk.RootCandidate;
import dev.jkboot.disk.RootCandidates;
import dev.jkboot.disk.RootSelection;
import dev.jkboot.loaderconf.DirectoryBootFiles;
import dev.jkboot.loaderconf.LoaderConfException;
import dev.jkboot.loaderconf.UfsBootFiles;
import dev.jkboot.ufs.FreeBsdRoot;
import dev.jkboot.ufs.UfsException;
import dev.jkboot.zfs.ZfsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the FreeBSD root file system is: a directory Linux has mounted ({@code --root DIR}), a
 * UFS2 partition or a ZFS pool on the host's disks, named ({@code --disk DEV[:PART]},
 * {@code --disk zfs:POOL/DATASET}) or searched for.
 */
public sealed interface RootLocation {

    /**
     * Opens the root read-only. {@code hostRoot} stands for the host's {@code /}: disks are
     * enumerated from its {@code sys/block} and opened through its {@code dev}.
     */
    OpenRoot open(Path hostRoot) throws LoaderConfException, DiskException, UfsException, ZfsException;

    /** A tree Linux already mounted; its path is on this machine, whatever the host root. */
    record Directory(Path dir) implements RootLocation {
        @Override
        public OpenRoot open(Path hostRoot) throws LoaderConfException {
            if (!Files.isDirectory(dir)) {
                throw new LoaderConfException("--root " + dir + " is not a directory",
                        "give --root the directory where Linux mounted the FreeBSD root file system");
            }
            String where = dir.toAbsolutePath().normalize().toString();
            // kboot boots a host directory as its "host:/" device with hostfs_root naming the directory.
            Map<String, String> device = OpenRoot.bootDevice("host:/");
            device.put("hostfs_root", where);
            return new OpenRoot(new DirectoryBootFiles(dir), where, List.of(), () -> { }, device);
        }
    }

    /**
     * The FreeBSD root on the disk {@code choice} names or on every disk, searched as kboot searches
     * (stand/kboot/kboot/main.c): first the freebsd-ufs partitions holding a FreeBSD /boot (see
     * {@link RootCandidates} and {@link FreeBsdRoot}), then the ZFS pools on the remaining vdevs
     * (see {@link ZfsRoots}). A boot environment, when named, makes it a search for ZFS alone.
     */
    record Disks(Optional<DiskSpec> choice, Optional<String> bootEnvironment) implements RootLocation {
        public Disks(Optional<DiskSpec> choice) {
            this(choice, Optional.empty());
        }

        @Override
        public OpenRoot open(Path hostRoot) throws DiskException, UfsException, ZfsException {
            RootSelection selection = RootCandidates.find(hostRoot, choice);
            List<String> reasons = new ArrayList<>();
            if (bootEnvironment.isEmpty()) {
                for (RootCandidate candidate : selection.candidates()) {
                    Optional<FreeBsdRoot> root = FreeBsdRoot.probe(candidate, reasons);
                    if (root.isPresent()) {
                        return new OpenRoot(new UfsBootFiles(root.get().fs()), candidate.describe(),
                                selection.notes(), root.get()::close,
                                candidate.loaderDevice().map(OpenRoot::bootDevice).orElse(Map.of()));
                    }
                }
            }
            ZfsRoots.Wanted wanted = new ZfsRoots.Wanted(Optional.empty(), Optional.empty(), bootEnvironment);
            return withNotes(ZfsRoots.open(selection, wanted, reasons), selection, reasons);
        }
    }

    /**
     * A ZFS dataset named as FreeBSD's loader names it ({@code --disk zfs:POOL/DATASET}, see
     * {@link ZfsDevice}), on whichever disks its pool's members are: kboot's {@code bootdev=zfs:...}.
     */
    record Zfs(ZfsDevice device, Optional<String> bootEnvironment) implements RootLocation {
        @Override
        public OpenRoot open(Path hostRoot) throws DiskException, UfsException, ZfsException {
            RootSelection all = RootCandidates.find(hostRoot, Optional.empty());
            RootSelection zfsOnly = new RootSelection(List.of(), all.zfsCandidates(), all.zfsVdevs(), all.notes());
            List<String> reasons = new ArrayList<>();
            return withNotes(ZfsRoots.open(zfsOnly, ZfsRoots.Wanted.of(device, bootEnvironment), reasons),
                    zfsOnly, reasons);
        }
    }

    /** The root found, with the search's notes; or the error naming every candidate passed over. */
    private static OpenRoot withNotes(Optional<OpenRoot> found, RootSelection selection, List<String> reasons)
            throws UfsException {
        if (found.isPresent()) {
            OpenRoot root = found.get();
            return new OpenRoot(root.files(), root.description(), selection.notes(), root.closer(),
                    root.deviceVariables(), root.environments());
        }
        reasons.addAll(selection.notes());
        throw FreeBsdRoot.notFound(reasons);
    }
}
