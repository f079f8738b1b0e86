package dev.jkboot.cli;

import dev.jkboot.tpm.MeasuredBoot;
import dev.jkboot.tpm.TpmDevice;
import dev.jkboot.tpm.TpmPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** Measured boot's options, the same for {@code jkboot boot} and autoboot. */
final class TpmSwitches {
    @Option(names = "--tpm-policy", paramLabel = "require|warn|off", defaultValue = "warn",
            converter = PolicyConverter.class,
            description = "Measured boot: extend the TPM's PCRs with what is booted, before kexec_load. warn "
                    + "(default): measure when a TPM 2.0 answers, else say why and boot on; require: no TPM or a "
                    + "TPM error stops the boot; off: leave the TPM alone.")
    TpmPolicy policy = TpmPolicy.WARN;

    @Option(names = "--tpm-device", paramLabel = "PATH",
            description = "The TPM 2.0 character device (default: /dev/tpmrm0, else /dev/tpm0).")
    Path device;

    @Option(names = "--tpm-log", paramLabel = "PATH",
            description = "jkboot's TCG event log, appended to (default: /run/jkboot/tpm-event-log.bin).")
    Path eventLog = MeasuredBoot.DEFAULT_LOG;

    MeasuredBoot measuredBoot(Consumer<String> log) {
        List<Path> devices = device != null ? List.of(device) : TpmDevice.DEVICES.stream().map(Path::of).toList();
        return new MeasuredBoot(policy, MeasuredBoot.Opener.firstOf(devices), eventLog, log);
    }

    /** The policy's name in lower case, as the help shows it. */
    static final class PolicyConverter implements picocli.CommandLine.ITypeConverter<TpmPolicy> {
        @Override
        public TpmPolicy convert(String value) {
            for (TpmPolicy p : TpmPolicy.values()) {
                if (p.name().equalsIgnoreCase(value)) {
                    return p;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not require, warn or off");
        }
    }
}
