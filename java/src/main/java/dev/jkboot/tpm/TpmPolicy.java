package dev.jkboot.tpm;

/** What a TPM fault (or no TPM at all) does to the boot. */
public enum TpmPolicy {
    /** No TPM, or any TPM error, stops the boot before kexec_load. */
    REQUIRE,
    /** Measure when a TPM answers; otherwise say so and boot unmeasured (the default). */
    WARN,
    /** Do not touch the TPM. */
    OFF
}
