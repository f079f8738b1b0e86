package dev.jkboot.cli;

import dev.jkboot.host.Finding;
import dev.jkboot.host.HostDescription;
import dev.jkboot.host.HostException;
import dev.jkboot.plan.StagingArea;
import dev.jkboot.json.JsonWriter;
import dev.jkboot.tpm.TpmDevice;
import dev.jkboot.tpm.TpmProbe;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jkboot probe}: describes the host as jkboot sees it. Never fails on what the host lacks:
 * each part it cannot read is reported as "not available" with the reason, and the exit status is 0.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Describe this host: RAM, firmware, UEFI, ACPI, DTB, kexec readiness, TPM.")
final class ProbeCommand implements Callable<Integer> {
    @Mixin
    HostRootOption hostRoot;

    @Option(names = "--json", description = "Print stable JSON (keys in docs/probe-json.md) instead of a report.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws HostException {
        HostDescription host = HostDescription.read(hostRoot.root(), System.getProperty("os.arch"));
        Finding<TpmProbe.TpmStatus> tpm = TpmProbe.describe(host.root(), TpmDevice::open);
        String text = json ? JsonWriter.write(ProbeJson.of(host, StagingArea.KBOOT_SIZE, tpm))
                : ProbeReport.of(host, StagingArea.KBOOT_SIZE, tpm);
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        return 0;
    }
}
