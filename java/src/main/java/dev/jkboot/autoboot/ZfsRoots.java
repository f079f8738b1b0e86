package dev.jkboot.autoboot;

import dev.jkboot.disk.BlockDevice;
import dev.jkboot.disk.DiskException;
import dev.jkboot.disk.FileBlockDevice;
import dev.jkboot.disk.PartitionDevice;
import dev.jkboot.disk.RootCandidate;
import dev.jkboot.disk.RootSelection;
import dev.jkboot.loaderconf.ZfsBootFiles;
import dev.jkboot.ufs.FreeBsdRoot;
import dev.jkboot.zfs.ZfsException;
import dev.jkboot.zfs.ZfsFileSystem;
import dev.jkboot.zfs.ZfsLabelInfo;
import dev.jkboot.zfs.ZfsPool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.Set;

/**
 * Finds the ZFS pool holding the FreeBSD root, as kboot does (stand/kboot/kboot/hostdisk.c
 * {@code hostdisk_zfs_find_default}): the pools in the order of the candidates that carry their
 * labels, the first whose boot dataset holds {@code /boot/kernel/kernel} or
 * {@code /boot/defaults/loader.conf} wins. A pool's members are gathered from every disk of the
 * host by the pool guid in their labels, so a mirror or raidz spread over several disks opens
 * whole (or with what is left of it, as far as its redundancy reaches).
 *
 * <p>The boot dataset is the one the user named, else the boot environment named beside the
 * pool's {@code bootfs}, else the {@code bootfs}, else the pool's root dataset (libsa's
 * {@code zfs_get_root}).
 */
final class ZfsRoots {
    /**
     * What the user asked for.
     *
     * @param pool a pool's name; any pool when empty
     * @param dataset a dataset's full name
     * @param bootEnvironment a boot environment beside the {@code bootfs}: a name under its parent,
     *     or a full dataset name
     */
    record Wanted(Optional<String> pool, Optional<String> dataset, Optional<String> bootEnvironment) {
        static final Wanted ANY = new Wanted(Optional.empty(), Optional.empty(), Optional.empty());

        static Wanted of(ZfsDevice device, Optional<String> bootEnvironment) {
            return new Wanted(device.pool(), device.dataset(), bootEnvironment);
        }
    }

    /** A partition whose label names a pool. */
    private record Member(RootCandidate candidate, BlockDevice device, ZfsLabelInfo label) {}

    private ZfsRoots() {}

    /**
     * The root, or empty with the reason each pool was passed over added to {@code reasons}.
     *
     * @throws ZfsException if the wanted dataset or boot environment is missing or holds no /boot:
     *     the user's explicit choice is never replaced by another
     */
    static Optional<OpenRoot> open(RootSelection selection, Wanted wanted, List<String> reasons)
            throws ZfsException {
        Map<String, BlockDevice> disks = new LinkedHashMap<>();
        boolean opened = false;
        try {
            List<Member> members = probe(selection.zfsVdevs(), disks, reasons);
            Set<Long> tried = new HashSet<>();
            for (RootCandidate candidate : selection.zfsCandidates()) {
                Optional<Member> first = members.stream()
                        .filter(m -> m.candidate().spec().equals(candidate.spec())).findFirst();
                if (first.isEmpty()) {
                    reasons.add(candidate.spec() + ": no ZFS label");
                    continue;
                }
                ZfsLabelInfo label = first.get().label();
                if (!tried.add(label.poolGuid())) {
                    continue;
                }
                if (wanted.pool().isPresent() && !wanted.pool().get().equals(label.poolName())) {
                    reasons.add("%s: pool %s, not %s".formatted(candidate.spec(), label.poolName(), wanted.pool().get()));
                    continue;
                }
                Optional<OpenRoot> root = openPool(poolMembers(members, label.poolGuid()), wanted, disks, reasons);
                if (root.isPresent()) {
                    opened = true;
                    return root;
                }
            }
            return Optional.empty();
        } finally {
            if (!opened) {
                disks.values().forEach(BlockDevice::close);
            }
        }
    }

    /** The labels of every possible vdev, each disk opened once and shared by its partitions. */
    private static List<Member> probe(List<RootCandidate> vdevs, Map<String, BlockDevice> disks,
                                      List<String> reasons) {
        List<Member> members = new ArrayList<>();
        for (RootCandidate vdev : vdevs) {
            try {
                BlockDevice disk = disks.get(vdev.disk().devicePath());
                if (disk == null) {
                    disk = FileBlockDevice.open(vdev.disk());
                    disks.put(vdev.disk().devicePath(), disk);
                }
                PartitionDevice device = new PartitionDevice(disk, vdev.partition(), vdev.spec());
                ZfsPool.probeLabel(device).ifPresent(label -> members.add(new Member(vdev, device, label)));
            } catch (DiskException e) {
                reasons.add(vdev.spec() + ": " + e.getMessage());
            }
        }
        return members;
    }

    /**
     * The members of one pool, one device per vdev guid: the same vdev seen twice (a stale copy of a
     * disk) counts once, by its newest label.
     */
    private static List<Member> poolMembers(List<Member> members, long poolGuid) {
        Map<Long, Member> byVdev = new LinkedHashMap<>();
        for (Member m : members) {
            if (m.label().poolGuid() == poolGuid) {
                byVdev.merge(m.label().vdevGuid(), m, (a, b) -> b.label().txg() > a.label().txg() ? b : a);
            }
        }
        return List.copyOf(byVdev.values());
    }

    private static Optional<OpenRoot> openPool(List<Member> members, Wanted wanted, Map<String, BlockDevice> disks,
                                               List<String> reasons) throws ZfsException {
        StringJoiner specs = new StringJoiner(", ");
        for (Member m : members) {
            specs.add(m.candidate().spec());
        }
        String where = specs.toString();
        String poolName = members.get(0).label().poolName();
        ZfsPool pool;
        String dataset;
        try {
            pool = ZfsPool.open(members.stream().map(Member::device).toList());
            dataset = bootDataset(pool, wanted);
        } catch (ZfsException e) {
            if (wanted.pool().isPresent()) {
                throw e;
            }
            reasons.add("pool %s on %s: %s".formatted(poolName, where, e.getMessage()));
            return Optional.empty();
        }
        boolean explicit = wanted.dataset().isPresent() || wanted.bootEnvironment().isPresent();
        String description = ZfsDevice.currdev(dataset) + " (pool " + poolName + " on " + where + ")";
        Runnable closer = () -> disks.values().forEach(BlockDevice::close);
        try {
            return Optional.of(root(pool, dataset, description, closer));
        } catch (ZfsException e) {
            if (explicit) {
                throw e;
            }
            reasons.add("pool %s on %s: %s".formatted(poolName, where, e.getMessage()));
            return Optional.empty();
        }
    }

    /** The dataset to boot: named, a boot environment beside the bootfs, the bootfs, the root dataset. */
    static String bootDataset(ZfsPool pool, Wanted wanted) throws ZfsException {
        if (wanted.dataset().isPresent()) {
            return wanted.dataset().get();
        }
        String bootfs = pool.bootfs().orElse(pool.rootDataset());
        if (wanted.bootEnvironment().isEmpty()) {
            return bootfs;
        }
        String be = wanted.bootEnvironment().get();
        if (be.contains("/")) {
            return be;
        }
        int slash = bootfs.lastIndexOf('/');
        if (slash < 0) {
            throw new ZfsException("pool %s boots its root dataset %s, which has no boot environments beside it"
                    .formatted(pool.name(), bootfs), "name the dataset to boot with --disk zfs:POOL/DATASET");
        }
        return bootfs.substring(0, slash + 1) + be;
    }

    /**
     * Dataset {@code dataset} of an open pool as a root, with the boot environments beside it.
     *
     * @throws ZfsException if it cannot be read or holds no FreeBSD /boot
     */
    private static OpenRoot root(ZfsPool pool, String dataset, String description, Runnable closer)
            throws ZfsException {
        ZfsFileSystem fs = pool.mount(dataset);
        if (!holdsBoot(fs)) {
            throw new ZfsException("dataset %s of pool %s has neither %s".formatted(dataset, pool.name(),
                    String.join(" nor ", FreeBsdRoot.MARKERS)),
                    "set the pool's bootfs to the dataset holding /boot (zpool set bootfs=POOL/DATASET POOL on "
                            + "FreeBSD), or name it with --disk zfs:POOL/DATASET");
        }
        int slash = dataset.lastIndexOf('/');
        List<String> siblings = slash < 0 ? List.of(dataset) : pool.childDatasets(dataset.substring(0, slash));
        // Another environment shares this pool and its disks: the first root's closer releases them.
        BootEnvironments environments = new BootEnvironments(siblings, dataset, other -> root(pool, other,
                description.replace(ZfsDevice.currdev(dataset), ZfsDevice.currdev(other)), () -> { }));
        String currdev = ZfsDevice.currdev(dataset);
        // FreeBSD's loaders name the boot dataset in both (set_currdev in stand/efi/loader/main.c, kboot's main.c).
        return new OpenRoot(new ZfsBootFiles(fs), description, List.of(), closer,
                OpenRoot.bootDevice(currdev), environments);
    }

    private static boolean holdsBoot(ZfsFileSystem fs) throws ZfsException {
        for (String marker : FreeBsdRoot.MARKERS) {
            if (fs.kind(marker).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
