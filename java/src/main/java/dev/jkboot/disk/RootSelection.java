package dev.jkboot.disk;

import java.util.List;

/**
 * The partitions worth probing for a FreeBSD root, best first, and what was passed over on the
 * way (disks too small or unreadable, damaged tables), so a failure can say why.
 */
public record RootSelection(List<RootCandidate> candidates, List<String> notes) {
    public RootSelection {
        candidates = List.copyOf(candidates);
        notes = List.copyOf(notes);
    }
}
