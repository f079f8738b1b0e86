package dev.jkboot.tpm;

import dev.jkboot.host.Finding;
import dev.jkboot.host.HostRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What {@code jkboot probe} says of the host's TPM: its device, and the active PCR banks the TPM itself lists. */
public final class TpmProbe {
    /** Linux's version of the first TPM: "1" or "2" (drivers/char/tpm/tpm-sysfs.c). */
    static final String VERSION_MAJOR = "/sys/class/tpm/tpm0/tpm_version_major";

    /**
     * @param device the device as a host path ({@code /dev/tpmrm0})
     * @param banks the active banks (tpm2-tools names, {@code 0x0012} style for unknown ones); empty
     *     when the TPM was not asked, because the host root is a captured tree
     */
    public record TpmStatus(String device, Optional<List<String>> banks) {}

    /** Opens a TPM device ({@link TpmDevice#open}, or a fake in tests). */
    public interface DeviceOpener {
        TpmTransport open(Path device) throws TpmException;
    }

    private TpmProbe() {}

    /**
     * @param open opens the device at a path (the real device, or a fake in tests); used only when
     *     the host root is this machine's {@code /}
     */
    public static Finding<TpmStatus> describe(HostRoot root, DeviceOpener open) {
        return describe(root, open, root.isSystem());
    }

    /** @param ask whether the device may be opened and asked (only this machine's own) */
    static Finding<TpmStatus> describe(HostRoot root, DeviceOpener open, boolean ask) {
        Optional<String> device = TpmDevice.DEVICES.stream().filter(root::exists).findFirst();
        if (device.isEmpty()) {
            return new Finding.NotAvailable<>(root.show(TpmDevice.DEVICES.get(0)),
                    "no TPM 2.0 device (" + String.join(", ", TpmDevice.DEVICES) + "): measured boot will be skipped",
                    "load Linux's driver for the machine's TPM (tpm_tis, tpm_crb, tpm_ftpm_tee, ...)");
        }
        Optional<String> version = Finding.of(() -> root.readText(VERSION_MAJOR, 16).trim()).optional();
        if (version.isPresent() && !version.get().equals("2")) {
            return new Finding.NotAvailable<>(root.show(VERSION_MAJOR), "the TPM is version " + version.get()
                    + ", jkboot measures into TPM 2.0 only", "");
        }
        if (!ask) {
            return new Finding.Found<>(new TpmStatus(device.get(), Optional.empty()));
        }
        try (TpmTransport transport = open.open(root.resolve(device.get()))) {
            List<String> banks = new Tpm(transport).activeBanks().stream()
                    .map(id -> TpmAlgorithm.of(id).map(TpmAlgorithm::label).orElse("0x%04x".formatted(id))).toList();
            return new Finding.Found<>(new TpmStatus(device.get(), Optional.of(banks)));
        } catch (TpmException e) {
            return new Finding.NotAvailable<>(root.show(device.get()), e.getMessage(), e.fix());
        }
    }
}
