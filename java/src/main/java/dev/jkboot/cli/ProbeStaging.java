package dev.jkboot.cli;

import dev.jkboot.JkbootException;
import dev.jkboot.boot.BootHosts;
import dev.jkboot.freebsd.Arm64;
import dev.jkboot.host.Finding;
import dev.jkboot.host.HostDescription;
import dev.jkboot.host.HostException;
import dev.jkboot.plan.Placement;
import dev.jkboot.plan.StagingArea;

/** Where a boot of {@code size} bytes would be staged: the same placement, keep-outs included, as a boot. */
final class ProbeStaging {
    private ProbeStaging() {}

    /** The staging area, or why there is none (a host file that could not be read keeps its path). */
    static Finding<StagingArea> find(HostDescription host, long size) {
        try {
            return new Finding.Found<>(Placement.find(BootHosts.memory(host), size, Arm64.KERNEL_ALIGN));
        } catch (HostException e) {
            return Finding.notAvailable(e);
        } catch (JkbootException e) {
            return new Finding.NotAvailable<>("", e.getMessage(), e.fix());
        }
    }
}
