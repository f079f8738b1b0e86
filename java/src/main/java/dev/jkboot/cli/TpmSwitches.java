package dev.jkboot.cli;

import dev.jkboot.cli.args.Option;
import dev.jkboot.tpm.MeasuredBoot;
import dev.jkboot.tpm.TpmDevice;
import dev.jkboot.tpm.TpmPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Measured boot's options, the same for {@code jkboot boot} and autoboot. */
final class TpmSwitches {
    TpmPolicy policy = TpmPolicy.WARN;
    Path device;
    Path eventLog = MeasuredBoot.DEFAULT_LOG;

    List<Option> options() {
        return List.of(
                Option.value("--tpm-policy", "require|warn|off", "Measured boot: extend the TPM's PCRs with what is "
                        + "booted, before kexec_load. warn (default): measure when a TPM 2.0 answers, else say why "
                        + "and boot on; require: no TPM or a TPM error stops the boot; off: leave the TPM alone.",
                        value -> policy = policy(value)),
                Option.value("--tpm-device", "PATH",
                        "The TPM 2.0 character device (default: /dev/tpmrm0, else /dev/tpm0).",
                        value -> device = Path.of(value)),
                Option.value("--tpm-log", "PATH",
                        "jkboot's TCG event log, appended to (default: /run/jkboot/tpm-event-log.bin).",
                        value -> eventLog = Path.of(value)));
    }

    MeasuredBoot measuredBoot(Consumer<String> log) {
        List<Path> devices = device != null ? List.of(device) : TpmDevice.DEVICES.stream().map(Path::of).toList();
        return new MeasuredBoot(policy, MeasuredBoot.Opener.firstOf(devices), eventLog, log);
    }

    /** The policy's name in any case, as help shows it in lower case. */
    static TpmPolicy policy(String value) {
        for (TpmPolicy p : TpmPolicy.values()) {
            if (p.name().equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not require, warn or off");
    }
}
