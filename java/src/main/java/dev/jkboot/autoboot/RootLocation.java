package dev.jkboot.autoboot;

import dev.jkboot.disk.DiskException;
import dev.jkboot.disk.DiskSpec;
import dev.jkboot.disk.RootCandidates;
import dev.jkboot.disk.RootSelection;
import dev.jkboot.loaderconf.DirectoryBootFiles;
import dev.jkboot.loaderconf.LoaderConfException;
import dev.jkboot.loaderconf.UfsBootFiles;
import dev.jkboot.ufs.FreeBsdRoot;
import dev.jkboot.ufs.UfsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the FreeBSD root file system is: a directory Linux has mounted ({@code --root DIR}), or a
 * UFS2 partition on the host's disks, named ({@code --disk DEV[:PART]}) or searched for.
 */
public sealed interface RootLocation {

    /**
     * Opens the root read-only. {@code hostRoot} stands for the host's {@code /}: disks are
     * enumerated from its {@code sys/block} and opened through its {@code dev}.
     */
    OpenRoot open(Path hostRoot) throws LoaderConfException, DiskException, UfsException;

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
     * The first freebsd-ufs partition holding a FreeBSD /boot, on the disk {@code choice} names or
     * on every disk, as kboot searches (see {@link RootCandidates} and {@link FreeBsdRoot}).
     */
    record Disks(Optional<DiskSpec> choice) implements RootLocation {
        @Override
        public OpenRoot open(Path hostRoot) throws DiskException, UfsException {
            RootSelection selection = RootCandidates.find(hostRoot, choice);
            FreeBsdRoot root = FreeBsdRoot.find(selection);
            return new OpenRoot(new UfsBootFiles(root.fs()), root.candidate().describe(), selection.notes(),
                    root::close, root.candidate().loaderDevice().map(OpenRoot::bootDevice).orElse(Map.of()));
        }
    }
}
