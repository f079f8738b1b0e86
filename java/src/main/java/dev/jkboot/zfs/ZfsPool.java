package dev.jkboot.zfs;

import dev.jkboot.JkbootException;
import dev.jkboot.disk.BlockDevice;
import dev.jkboot.zfs.checksum.ChecksumSalt;
import dev.jkboot.zfs.nvlist.NvList;
import dev.jkboot.zfs.vdev.Vdev;
import dev.jkboot.zfs.vdev.VdevSpec;
import dev.jkboot.zfs.vdev.VdevType;
import dev.jkboot.zfs.vdev.Vdevs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ZFS pool opened read-only from the devices that carry its labels, as FreeBSD's loader opens
 * it (stand/libsa/zfs/zfsimpl.c): the members' labels give the pool, its vdev tree and the
 * newest uberblock; the uberblock gives the MOS, whose object directory leads to the DSL
 * (datasets by name, the {@code bootfs} pool property) and to the features the pool needs.
 * Missing members are allowed as far as the vdevs' redundancy reaches. Nothing is ever written.
 *
 * <p>The caller owns the devices; this object never closes them.
 */
public final class ZfsPool {
    /** Children of one DSL directory jkboot lists; far more than any boot-environment parent. */
    static final int MAX_CHILDREN = 10_000;
    /** Entries of a MOS directory-like ZAP (object directory, properties). */
    static final int MAX_MOS_ENTRIES = 100_000;
    /** Dataset names nest no deeper (ZFS_MAX_DATASET_NAME_LEN is 256 bytes). */
    static final int MAX_DATASET_DEPTH = 128;
    private static final long OBJECT_DIRECTORY = 1;
    private static final String FIX = "the pool is damaged; scrub it on FreeBSD, or boot from another pool";

    private final String name;
    private final long guid;
    private final ObjectSet mos;
    private final Map<String, ZapEntry> directory;

    private ZfsPool(String name, long guid, ObjectSet mos, Map<String, ZapEntry> directory) {
        this.name = name;
        this.guid = guid;
        this.mos = mos;
        this.directory = directory;
    }

    /**
     * What the label of {@code device} says, without opening the pool: empty when the device
     * carries no readable ZFS label.
     */
    public static Optional<ZfsLabelInfo> probeLabel(BlockDevice device) {
        Label newest = null;
        for (Label label : Label.readAll(device, new ArrayList<>())) {
            if (newest == null || txg(label) > txg(newest)) {
                newest = label;
            }
        }
        try {
            return newest == null ? Optional.empty() : Optional.of(newest.info());
        } catch (ZfsException e) {
            return Optional.empty();
        }
    }

    private static long txg(Label label) {
        try {
            return label.config().number("txg").orElse(0L);
        } catch (ZfsException e) {
            return 0;
        }
    }

    /**
     * Opens the pool whose labels {@code members} carry (partitions or whole disks).
     *
     * @throws ZfsException if no member has a good label, members belong to different pools, the
     *     pool's version or features are ones jkboot cannot read, too many members are missing,
     *     or its metadata is damaged beyond its redundancy
     */
    public static ZfsPool open(List<BlockDevice> members) throws ZfsException {
        List<String> problems = new ArrayList<>();
        Map<BlockDevice, Label> newestByDevice = new LinkedHashMap<>();
        List<Uberblock> uberblocks = new ArrayList<>();
        Map<BlockDevice, List<Label>> all = new LinkedHashMap<>();
        for (BlockDevice device : members) {
            List<Label> labels = Label.readAll(device, problems);
            if (!labels.isEmpty()) {
                all.put(device, labels);
                Label newest = labels.get(0);
                for (Label l : labels) {
                    newest = txg(l) > txg(newest) ? l : newest;
                }
                newestByDevice.put(device, newest);
            }
        }
        if (newestByDevice.isEmpty()) {
            throw new ZfsException("no ZFS label could be read on %s: %s".formatted(names(members), String.join("; ", problems)),
                    "name the partition or disk that holds the ZFS pool");
        }
        Label config = newestByDevice.values().stream().max(java.util.Comparator.comparingLong(ZfsPool::txg)).orElseThrow();
        ZfsLabelInfo info = config.info();
        String pool = info.poolName();
        Map<Long, BlockDevice> leaves = new HashMap<>();
        Map<Long, NvList> topTrees = new HashMap<>();
        Map<Long, Long> topTxg = new HashMap<>();
        for (Map.Entry<BlockDevice, Label> e : newestByDevice.entrySet()) {
            ZfsLabelInfo member = e.getValue().info();
            if (member.poolGuid() != info.poolGuid()) {
                throw new ZfsException("%s belongs to pool %s (guid %x), not to pool %s (guid %x)"
                        .formatted(e.getKey().name(), member.poolName(), member.poolGuid(), pool, info.poolGuid()),
                        "give jkboot the members of one pool only");
            }
            leaves.put(member.vdevGuid(), e.getKey());
            NvList tree = e.getValue().config().requireList("vdev_tree");
            long id = tree.number("id").orElse(0L);
            if (topTxg.containsKey(id) && topTxg.get(id) >= member.txg()) {
                continue;
            }
            topTrees.put(id, tree);
            topTxg.put(id, member.txg());
        }
        for (List<Label> labels : all.values()) {
            for (Label label : labels) {
                uberblocks.addAll(label.uberblocks());
            }
        }
        long version = config.config().requireNumber("version");
        if (!PoolVersion.valid(version)) {
            throw new ZfsException("pool %s has version %d; jkboot reads versions 1 to 28 and 5000".formatted(pool, version),
                    "boot this pool with FreeBSD's loader");
        }
        if (version == PoolVersion.FEATURES) {
            NvList features = config.config().list("features_for_read").orElse(NvList.of(Map.of()));
            var unknown = Features.unknown(features.asMap().keySet());
            if (!unknown.isEmpty()) {
                throw Features.refusal(pool, unknown, "label of " + config.index());
            }
        }
        Map<Long, Vdev> topLevel = new HashMap<>();
        for (Map.Entry<Long, NvList> e : topTrees.entrySet()) {
            try {
                topLevel.put(e.getKey(), Vdevs.open(spec(e.getValue(), 0), leaves));
            } catch (ZfsException ex) {
                throw ex;
            } catch (JkbootException ex) {
                throw ZfsException.in("pool " + pool + ", top-level vdev " + e.getKey(), ex);
            }
        }
        Uberblock best = uberblocks.stream().max(Uberblock.NEWEST_LAST).orElseThrow(() -> new ZfsException(
                "pool %s: no little-endian uberblock with a good checksum on %s".formatted(pool, names(members)),
                "the labels are damaged, or the pool was written big-endian, which jkboot does not read; "
                        + "boot it with FreeBSD's loader"));
        BlockReader reader = new BlockReader(pool, topLevel);
        ObjectSet mos = ObjectSet.open(reader, best.rootBp(), "pool " + pool + " (MOS, txg " + best.txg() + ")",
                ObjectSet.TYPE_META);
        Map<String, ZapEntry> directory = new HashMap<>();
        Dnode dir = mos.dnode(OBJECT_DIRECTORY);
        for (ZapEntry e : Zap.entries(mos, dir, MAX_MOS_ENTRIES, "the object directory of pool " + pool)) {
            directory.put(e.name(), e);
        }
        ZapEntry salt = directory.get("org.illumos:checksum_salt");
        if (salt != null) {
            try {
                reader.salt(ChecksumSalt.of(salt.bytes()));
            } catch (JkbootException e) {
                throw ZfsException.in("pool " + pool, e);
            }
        }
        ZfsPool opened = new ZfsPool(pool, info.poolGuid(), mos, directory);
        opened.checkMosFeatures();
        return opened;
    }

    /** The vdev tree of a label as {@link Vdevs} reads it, children in the order of their ids. */
    static VdevSpec spec(NvList tree, int depth) throws ZfsException {
        if (depth > 8) {
            throw new ZfsException("the vdev tree nests more than 8 deep", "the label is damaged");
        }
        VdevType type;
        try {
            type = VdevType.fromName(tree.requireString("type"));
        } catch (ZfsException e) {
            throw e;
        } catch (JkbootException e) {
            throw ZfsException.in("the label's vdev tree", e);
        }
        Map<Long, VdevSpec> byId = new java.util.TreeMap<>();
        for (NvList child : tree.lists("children")) {
            if (byId.put(child.number("id").orElse((long) byId.size()), spec(child, depth + 1)) != null) {
                throw new ZfsException("the label's vdev tree has two children with id %d".formatted(child.requireNumber("id")),
                        "the label is damaged; another member's label may be good");
            }
        }
        List<VdevSpec> specs = List.copyOf(byId.values());
        return new VdevSpec(type, tree.number("guid").orElse(0L), (int) (long) tree.number("ashift").orElse(0L),
                (int) (long) tree.number("nparity").orElse(0L), tree.string("path").orElse(""), specs);
    }

    private static String names(List<BlockDevice> members) {
        return String.join(", ", members.stream().map(BlockDevice::name).toList());
    }

    /** MOS {@code features_for_read}: every feature in use (refcount above 0) must be known. */
    private void checkMosFeatures() throws ZfsException {
        ZapEntry object = directory.get("features_for_read");
        if (object == null) {
            return; // a pool without feature flags
        }
        Dnode dn = mos.dnode(object.value());
        List<String> active = new ArrayList<>();
        for (ZapEntry e : Zap.entries(mos, dn, MAX_MOS_ENTRIES, "features_for_read of pool " + name)) {
            if (e.value() != 0) {
                active.add(e.name());
            }
        }
        var unknown = Features.unknown(active);
        if (!unknown.isEmpty()) {
            throw Features.refusal(name, unknown, "MOS features_for_read");
        }
    }

    public String name() {
        return name;
    }

    public long guid() {
        return guid;
    }

    /** The dataset named by the pool's {@code bootfs} property, if it is set. */
    public Optional<String> bootfs() throws ZfsException {
        ZapEntry props = directory.get("pool_props");
        if (props == null) {
            return Optional.empty();
        }
        Dnode dn = mos.dnode(props.value());
        Optional<ZapEntry> bootfs = Zap.lookup(mos, dn, "bootfs", MAX_MOS_ENTRIES, "the properties of pool " + name);
        if (bootfs.isEmpty() || bootfs.get().value() == 0) {
            return Optional.empty();
        }
        return Optional.of(datasetName(bootfs.get().value()));
    }

    /** The pool's root dataset: its name is the pool's. */
    public String rootDataset() {
        return name;
    }

    /**
     * The datasets directly under {@code parent} (full names, e.g. {@code zroot/ROOT/default}
     * under {@code zroot/ROOT}), sorted; ZFS's hidden {@code $MOS}, {@code $FREE} and
     * {@code $ORIGIN} are left out.
     */
    public List<String> childDatasets(String parent) throws ZfsException {
        Dnode dir = dslDir(parent);
        List<String> out = new ArrayList<>();
        for (ZapEntry e : Zap.entries(mos, childMap(dir, parent), MAX_CHILDREN, "the children of dataset " + parent)) {
            if (!e.name().startsWith("$")) {
                out.add(parent + "/" + e.name());
            }
        }
        out.sort(null);
        return out;
    }

    /** The file system of dataset {@code dataset} ({@code pool/a/b}), read-only. */
    public ZfsFileSystem mount(String dataset) throws ZfsException {
        Dnode dir = dslDir(dataset);
        long head = DslDir.of(dir, dataset, name).headDataset();
        if (head == 0) {
            throw new ZfsException("pool %s: dataset %s has no head dataset".formatted(name, dataset), FIX);
        }
        Dnode ds = mos.dnode(head, DnodeType.DSL_DATASET, "dataset " + dataset);
        BlockPointer bp = DslDataset.of(ds, dataset, name).rootBp();
        ObjectSet os = ObjectSet.open(mos.reader(), bp, "dataset " + dataset, ObjectSet.TYPE_ZFS);
        return ZfsFileSystem.open(os, name, dataset);
    }

    /** The DSL directory of a dataset name, walked from the root dataset one component at a time. */
    private Dnode dslDir(String dataset) throws ZfsException {
        String[] parts = dataset.split("/", -1);
        if (!parts[0].equals(name) || parts.length > MAX_DATASET_DEPTH) {
            throw new ZfsException("pool %s has no dataset %s".formatted(name, dataset),
                    "name a dataset of pool %s, e.g. %s/ROOT/default".formatted(name, name));
        }
        ZapEntry root = directory.get("root_dataset");
        if (root == null) {
            throw new ZfsException("pool %s has no root_dataset in its object directory".formatted(name), FIX);
        }
        Dnode dir = mos.dnode(root.value(), DnodeType.DSL_DIR, "the root dataset's directory");
        StringBuilder here = new StringBuilder(name);
        for (int i = 1; i < parts.length; i++) {
            Optional<ZapEntry> child = Zap.lookup(mos, childMap(dir, here.toString()), parts[i], MAX_CHILDREN,
                    "the children of dataset " + here);
            here.append('/').append(parts[i]);
            if (parts[i].isEmpty() || child.isEmpty()) {
                throw new ZfsException("pool %s has no dataset %s".formatted(name, here),
                        "list the boot environments, or check the dataset's name");
            }
            dir = mos.dnode(child.get().value(), DnodeType.DSL_DIR, "the directory of dataset " + here);
        }
        return dir;
    }

    private Dnode childMap(Dnode dir, String dataset) throws ZfsException {
        return mos.dnode(DslDir.of(dir, dataset, name).childMap());
    }

    /** The full name of dataset object {@code object}, walked up through the DSL directories. */
    private String datasetName(long object) throws ZfsException {
        Dnode ds = mos.dnode(object, DnodeType.DSL_DATASET, "the bootfs dataset");
        long dirObject = DslDataset.of(ds, "bootfs", name).dirObject();
        List<String> components = new ArrayList<>();
        for (int depth = 0; ; depth++) {
            if (depth > MAX_DATASET_DEPTH) {
                throw new ZfsException("pool %s: the bootfs dataset's parents form a loop".formatted(name), FIX);
            }
            DslDir dir = DslDir.of(mos.dnode(dirObject, DnodeType.DSL_DIR, "a DSL directory"), "bootfs", name);
            if (dir.parent() == 0) {
                break;
            }
            DslDir parent = DslDir.of(mos.dnode(dir.parent(), DnodeType.DSL_DIR, "a DSL directory"), "bootfs", name);
            long child = dirObject;
            String component = null;
            for (ZapEntry e : Zap.entries(mos, mos.dnode(parent.childMap()), MAX_CHILDREN, "a dataset's children")) {
                if (e.value() == child) {
                    component = e.name();
                    break;
                }
            }
            if (component == null) {
                throw new ZfsException("pool %s: the bootfs dataset is not among its parent's children".formatted(name),
                        FIX);
            }
            components.add(0, component);
            dirObject = dir.parent();
        }
        components.add(0, name);
        return String.join("/", components);
    }

    @Override
    public String toString() {
        return "pool " + name;
    }
}
