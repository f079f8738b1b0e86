package dev.jkboot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code jkboot probe}: describes the host as jkboot sees it. Filled in by the discovery stage. */
@Command(name = "probe", description = "Describe this host: RAM, firmware, UEFI, ACPI, DTB, kexec readiness.")
final class ProbeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("jkboot probe: host discovery is not built yet");
        return 0;
    }
}
