package dev.jkboot.disk;

import java.util.List;

/**
 * The partitions worth probing for a FreeBSD root, best first, and what was passed over on the
 * way (disks too small or unreadable, damaged tables), so a failure can say why.
 *
 * @param candidates where to look for a UFS root, in order
 * @param zfsCandidates where to look for a ZFS pool holding the root, in order
 * @param zfsVdevs every partition of the host that may be a ZFS vdev (the ZFS candidates first):
 *     a pool's other members are looked for among them
 */
public record RootSelection(List<RootCandidate> candidates, List<RootCandidate> zfsCandidates,
                            List<RootCandidate> zfsVdevs, List<String> notes) {
    public RootSelection {
        candidates = List.copyOf(candidates);
        zfsCandidates = List.copyOf(zfsCandidates);
        zfsVdevs = List.copyOf(zfsVdevs);
        notes = List.copyOf(notes);
    }
}
