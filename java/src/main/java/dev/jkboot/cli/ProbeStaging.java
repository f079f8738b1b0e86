package dev.jkboot.cli;

import dev.jkboot.JkbootException;
import dev.jkboot.boot.BootHosts;
import dev.jkboot.freebsd.Arm64;
import dev.jkboot.host.HostDescription;
import dev.jkboot.plan.Placement;
import dev.jkboot.plan.StagingArea;

/** Where a boot of {@code size} bytes would be staged: the same placement, keep-outs included, as a boot. */
final class ProbeStaging {
    private ProbeStaging() {}

    static StagingArea find(HostDescription host, long size) throws JkbootException {
        return Placement.find(BootHosts.memory(host), size, Arm64.KERNEL_ALIGN);
    }
}
