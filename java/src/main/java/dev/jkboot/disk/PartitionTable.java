package dev.jkboot.disk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The partitions found on a disk, flattened: FreeBSD slices are followed by the partitions of
 * their BSD labels.
 *
 * @param source which structure was used, e.g. "primary GPT header at LBA 1"
 * @param notes what was skipped or repaired along the way, for the user
 */
public record PartitionTable(
        PartitionScheme scheme, List<Partition> partitions, String source, List<String> notes) {

    private static final int MBR_SIGNATURE_OFFSET = 510;

    public PartitionTable {
        partitions = List.copyOf(partitions);
        notes = List.copyOf(notes);
    }

    /**
     * Reads the table the way FreeBSD's loader does: a protective MBR (an entry of type 0xee)
     * means GPT, another valid MBR means MBR slices, no MBR but a BSD label in sector 1 means a
     * dedicated disk, and otherwise the disk has no table.
     *
     * @throws DiskException if the disk says it is GPT but neither GPT header is usable, or it
     *     cannot be read
     */
    public static PartitionTable read(BlockDevice dev) throws DiskException {
        int sectorSize = dev.sectorSize();
        List<String> notes = new ArrayList<>();
        if (dev.size() < 2L * sectorSize) {
            notes.add("%s is only %d bytes: too small for a partition table"
                    .formatted(dev.name(), dev.size()));
            return new PartitionTable(PartitionScheme.NONE, List.of(), "no table", notes);
        }
        byte[] sector0 = dev.read(0, sectorSize);
        boolean signed = (sector0[MBR_SIGNATURE_OFFSET] & 0xff) == 0x55
                && (sector0[MBR_SIGNATURE_OFFSET + 1] & 0xff) == 0xaa;
        Optional<MbrReader> mbr = signed ? MbrReader.parse(sector0) : Optional.empty();
        if (mbr.isPresent() && mbr.get().isProtective()) {
            return GptReader.read(dev);
        }
        if (mbr.isPresent()) {
            return mbr.get().read(dev);
        }
        Optional<List<Partition>> label =
                BsdLabelReader.read(dev, 0, dev.size(), "", notes);
        if (label.isPresent()) {
            return new PartitionTable(
                    PartitionScheme.BSD, label.get(), "BSD label at LBA 1 (dedicated disk)", notes);
        }
        return new PartitionTable(
                PartitionScheme.NONE,
                List.of(Partition.wholeDisk(dev.size())),
                "no partition table",
                notes);
    }

    /** The partition the user means by its id, or else by its GPT name when that is unique. */
    public Optional<Partition> find(String idOrLabel) {
        Optional<Partition> byId =
                partitions.stream().filter(p -> p.id().equals(idOrLabel)).findFirst();
        if (byId.isPresent()) {
            return byId;
        }
        List<Partition> byLabel = partitions.stream()
                .filter(p -> !p.label().isEmpty() && p.label().equals(idOrLabel))
                .toList();
        return byLabel.size() == 1 ? Optional.of(byLabel.get(0)) : Optional.empty();
    }
}
