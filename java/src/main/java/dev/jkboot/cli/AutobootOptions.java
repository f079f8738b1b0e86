package dev.jkboot.cli;

import dev.jkboot.autoboot.RootLocation;
import dev.jkboot.autoboot.ZfsDevice;
import dev.jkboot.cli.args.Option;
import dev.jkboot.cli.args.UsageException;
import dev.jkboot.cli.args.Words;
import dev.jkboot.disk.DiskException;
import dev.jkboot.disk.DiskSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The options of the boot FreeBSD users expect, shared by {@code jkboot} alone and {@code jkboot autoboot}. */
final class AutobootOptions implements Option.Setter {
    private static final String WORDS = "NAME=VALUE";

    final HostRootOption hostRoot = new HostRootOption();
    Path root;
    String disk;
    String bootEnvironment;
    final TrampolineSwitches trampoline = new TrampolineSwitches();
    final VerifyOption verify = new VerifyOption();
    final TpmSwitches tpm = new TpmSwitches();
    boolean dryRun;
    boolean noPlatformEntropy;
    private final Map<String, String> presets = new LinkedHashMap<>();

    List<Option> options() {
        List<Option> options = new ArrayList<>();
        options.add(hostRoot.option());
        options.add(Option.value("--root", "DIR",
                "The FreeBSD root is this directory (a tree Linux has mounted) instead of a disk.", this));
        options.add(Option.value("--disk", "DEV[:PART]", "Boot from this disk or partition: /dev/vda:2, vda, "
                + "serial=SERIAL:PART, a GPT partition name as PART, or a disk image file; or from a ZFS dataset as "
                + "FreeBSD's loader names it: zfs:POOL/DATASET (zfs:POOL for its bootfs, zfs: for the first pool "
                + "holding /boot). Default: the first freebsd-ufs partition holding /boot on any disk, else the "
                + "first ZFS pool's bootfs.", this));
        options.add(Option.value("--be", "NAME", "Boot this ZFS boot environment: a dataset beside the pool's "
                + "bootfs (e.g. alt for zroot/ROOT/alt), or a full dataset name.", this));
        options.addAll(trampoline.options());
        options.add(verify.option());
        options.addAll(tpm.options());
        options.add(Option.flag("--dry-run", "Print the plan of the configured boot: no menu, nothing loaded.", this));
        options.add(Option.flag("--no-platform-entropy", "Give FreeBSD no entropy from Linux's getrandom (a "
                + "boot_entropy_platform file of 2048 bytes, on by default; entropy_efi_seed=\"NO\" in loader.conf "
                + "turns it off too).", this));
        return options;
    }

    /** The {@code NAME=VALUE} words, set before loader.conf is read. */
    Words words() {
        return new Words(WORDS, "Variables set before loader.conf is read, as on kboot's command line "
                + "(loader.conf may set them again).", this);
    }

    /**
     * A word without '=' is refused rather than set to "1" as kboot does, so that a mistyped
     * subcommand cannot start a boot.
     */
    @Override
    public void set(String name, String value) {
        switch (name) {
            case "--root" -> root = Path.of(value);
            case "--disk" -> disk = value;
            case "--be" -> bootEnvironment = value;
            case "--dry-run" -> dryRun = true;
            case "--no-platform-entropy" -> noPlatformEntropy = true;
            case WORDS -> {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + value + "' is neither a subcommand nor NAME=VALUE");
                }
                presets.put(value.substring(0, eq), value.substring(eq + 1));
            }
            default -> throw new IllegalStateException("no option " + name);
        }
    }

    /** --root, --disk or neither. */
    RootLocation location() throws DiskException, UsageException {
        if (root != null && disk != null) {
            throw new UsageException("--root and --disk are mutually exclusive: the FreeBSD root is either a "
                    + "directory or on a disk");
        }
        if (root != null) {
            if (bootEnvironment != null) {
                throw new UsageException("--be names a ZFS boot environment; --root is a directory, which has none");
            }
            return new RootLocation.Directory(root);
        }
        Optional<String> be = Optional.ofNullable(bootEnvironment);
        if (disk != null && ZfsDevice.names(disk)) {
            ZfsDevice device = ZfsDevice.parse(disk);
            if (device.dataset().isPresent() && be.isPresent()) {
                throw new UsageException("--disk " + disk + " and --be " + bootEnvironment
                        + " both name the dataset to boot: give one of them");
            }
            return new RootLocation.Zfs(device, be);
        }
        return new RootLocation.Disks(disk == null ? Optional.empty() : Optional.of(DiskSpec.parse(disk)), be);
    }

    /** The variables of the {@code NAME=VALUE} words, in command-line order. */
    Map<String, String> presets() {
        return presets;
    }
}
