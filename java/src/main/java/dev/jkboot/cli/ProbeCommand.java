package dev.jkboot.cli;

import dev.jkboot.cli.args.CommandTable;
import dev.jkboot.cli.args.Option;
import dev.jkboot.host.Finding;
import dev.jkboot.host.HostDescription;
import dev.jkboot.host.HostException;
import dev.jkboot.plan.StagingArea;
import dev.jkboot.json.JsonWriter;
import dev.jkboot.tpm.TpmDevice;
import dev.jkboot.tpm.TpmProbe;

/**
 * {@code jkboot probe}: describes the host as jkboot sees it. Never fails on what the host lacks:
 * each part it cannot read is reported as "not available" with the reason, and the exit status is 0.
 */
final class ProbeCommand implements JkbootCommand, Option.Setter {
    static final String SUMMARY = "Describe this host: RAM, firmware, UEFI, ACPI, DTB, kexec readiness, TPM.";

    private final HostRootOption hostRoot = new HostRootOption();
    private boolean json;

    @Override
    public CommandTable table() {
        return CommandTable.named("jkboot probe").describe(SUMMARY)
                .add(hostRoot.option())
                .add(Option.flag("--json", "Print stable JSON (keys in docs/probe-json.md) instead of a report.", this))
                .standardHelp().build();
    }

    @Override
    public void set(String name, String value) {
        json = true;
    }

    @Override
    public int call() throws HostException {
        HostDescription host = HostDescription.read(hostRoot.root(), System.getProperty("os.arch"));
        Finding<TpmProbe.TpmStatus> tpm = TpmProbe.describe(host.root(), TpmDevice::open);
        String text = json ? JsonWriter.write(ProbeJson.of(host, StagingArea.KBOOT_SIZE, tpm))
                : ProbeReport.of(host, StagingArea.KBOOT_SIZE, tpm);
        System.out.print(text);
        System.out.flush();
        return 0;
    }
}
