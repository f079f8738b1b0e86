package dev.jkboot.cli;

import dev.jkboot.cli.args.Option;
import dev.jkboot.tpm.MeasuredBoot;
import dev.jkboot.tpm.TpmDevice;
import dev.jkboot.tpm.TpmPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Measured boot's options, the same for {@code jkboot boot} and autoboot. */
final class TpmSwitches implements Option.Setter {
    TpmPolicy policy = TpmPolicy.WARN;
    Path device;
    Path eventLog = MeasuredBoot.DEFAULT_LOG;

    List<Option> options() {
        return List.of(
                Option.value("--tpm-policy", "require|warn|off", "Measured boot: extend the TPM's PCRs with what is "
                        + "booted, before kexec_load. warn (default): measure when a TPM 2.0 answers, else say why "
                        + "and boot on; require: no TPM or a TPM error stops the boot; off: leave the TPM alone.",
                        this),
                Option.value("--tpm-device", "PATH",
                        "The TPM 2.0 character device (default: /dev/tpmrm0, else /dev/tpm0).", this),
                Option.value("--tpm-log", "PATH",
                        "jkboot's TCG event log, appended to (default: /run/jkboot/tpm-event-log.bin).", this));
    }

    @Override
    public void set(String name, String value) {
        switch (name) {
            case "--tpm-policy" -> policy = policy(value);
            case "--tpm-device" -> device = Path.of(value);
            case "--tpm-log" -> eventLog = Path.of(value);
            default -> throw new IllegalStateException("no option " + name);
        }
    }

    MeasuredBoot measuredBoot(Consumer<String> log) {
        List<Path> devices = new ArrayList<>();
        if (device != null) {
            devices.add(device);
        } else {
            for (String d : TpmDevice.DEVICES) {
                devices.add(Path.of(d));
            }
        }
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
