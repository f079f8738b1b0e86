package dev.jkboot.host;

import dev.jkboot.mem.Range;

/** A range inside System RAM that the running Linux keeps for itself or firmware; never ours. */
public record Carveout(Range range, String label, CarveoutKind kind) {}
