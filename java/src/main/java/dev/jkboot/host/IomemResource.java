package dev.jkboot.host;

import dev.jkboot.mem.Range;
import java.util.List;

/** One line of {@code /proc/iomem} with the lines nested under it, in address order. */
public record IomemResource(Range range, String name, List<IomemResource> children) {
    public IomemResource {
        children = List.copyOf(children);
    }
}
