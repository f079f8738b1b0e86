package dev.jkboot.cli;

import dev.jkboot.autoboot.RootLocation;
import dev.jkboot.autoboot.ZfsDevice;
import dev.jkboot.disk.DiskException;
import dev.jkboot.disk.DiskSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The options of the boot FreeBSD users expect, shared by {@code jkboot} alone and {@code jkboot autoboot}. */
final class AutobootOptions {
    @Mixin
    HostRootOption hostRoot;

    @Option(names = "--root", paramLabel = "DIR",
            description = "The FreeBSD root is this directory (a tree Linux has mounted) instead of a disk.")
    Path root;

    @Option(names = "--disk", paramLabel = "DEV[:PART]",
            description = "Boot from this disk or partition: /dev/vda:2, vda, serial=SERIAL:PART, a GPT partition "
                    + "name as PART, or a disk image file; or from a ZFS dataset as FreeBSD's loader names it: "
                    + "zfs:POOL/DATASET (zfs:POOL for its bootfs, zfs: for the first pool holding /boot). Default: "
                    + "the first freebsd-ufs partition holding /boot on any disk, else the first ZFS pool's bootfs.")
    String disk;

    @Option(names = "--be", paramLabel = "NAME",
            description = "Boot this ZFS boot environment: a dataset beside the pool's bootfs (e.g. alt for "
                    + "zroot/ROOT/alt), or a full dataset name.")
    String bootEnvironment;

    @Mixin
    TrampolineSwitches trampoline;

    @Mixin
    VerifyOption verify;

    @Mixin
    TpmSwitches tpm;

    @Option(names = "--dry-run",
            description = "Print the plan of the configured boot: no menu, nothing loaded.")
    boolean dryRun;

    @Option(names = "--no-platform-entropy",
            description = "Give FreeBSD no entropy from Linux's getrandom (a boot_entropy_platform file of 2048 "
                    + "bytes, on by default; entropy_efi_seed=\"NO\" in loader.conf turns it off too).")
    boolean noPlatformEntropy;

    @Parameters(paramLabel = "NAME=VALUE",
            description = "Variables set before loader.conf is read, as on kboot's command line "
                    + "(loader.conf may set them again).")
    List<String> words = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** --root, --disk or neither (picocli's exclusive groups list their options twice inside a mixin). */
    RootLocation location() throws DiskException {
        if (root != null && disk != null) {
            throw new ParameterException(spec.commandLine(), "--root and --disk are mutually exclusive: the "
                    + "FreeBSD root is either a directory or on a disk");
        }
        if (root != null) {
            if (bootEnvironment != null) {
                throw new ParameterException(spec.commandLine(), "--be names a ZFS boot environment; --root is a "
                        + "directory, which has none");
            }
            return new RootLocation.Directory(root);
        }
        Optional<String> be = Optional.ofNullable(bootEnvironment);
        if (disk != null && ZfsDevice.names(disk)) {
            ZfsDevice device = ZfsDevice.parse(disk);
            if (device.dataset().isPresent() && be.isPresent()) {
                throw new ParameterException(spec.commandLine(), "--disk " + disk + " and --be " + bootEnvironment
                        + " both name the dataset to boot: give one of them");
            }
            return new RootLocation.Zfs(device, be);
        }
        return new RootLocation.Disks(disk == null ? Optional.empty() : Optional.of(DiskSpec.parse(disk)), be);
    }

    /**
     * The {@code NAME=VALUE} words as variables. A word without '=' is refused rather than set to
     * "1" as kboot does, so that a mistyped subcommand cannot start a boot.
     */
    Map<String, String> presets() {
        Map<String, String> presets = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "'" + word + "' is neither a subcommand nor "
                        + "NAME=VALUE; see 'jkboot --help'");
            }
            presets.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return presets;
    }
}
