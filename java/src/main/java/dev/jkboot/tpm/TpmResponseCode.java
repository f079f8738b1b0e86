package dev.jkboot.tpm;

/**
 * TPM_RC values as people read them (TPM 2.0 Library Part 2, 6.6). Format-one codes (bit 7 set)
 * carry the number of the handle, parameter or session at fault in bits 8-11; only the error
 * number in bits 0-5 names the error.
 */
final class TpmResponseCode {
    private static final int FORMAT_ONE = 0x080;

    private TpmResponseCode() {}

    static String describe(int rc) {
        String name = name(rc);
        return "TPM_RC 0x%03x%s".formatted(rc, name.isEmpty() ? "" : " (" + name + ")");
    }

    static String name(int rc) {
        if ((rc & FORMAT_ONE) != 0) {
            return switch (rc & 0x3F) {
                case 0x03 -> "TPM_RC_HASH: the TPM does not know a hash algorithm";
                case 0x04 -> "TPM_RC_VALUE";
                case 0x0B -> "TPM_RC_HANDLE";
                case 0x0E -> "TPM_RC_AUTH_FAIL";
                case 0x15 -> "TPM_RC_SIZE";
                case 0x22 -> "TPM_RC_BAD_AUTH";
                default -> "";
            };
        }
        return switch (rc) {
            case 0x100 -> "TPM_RC_INITIALIZE: TPM2_Startup was not sent";
            case 0x101 -> "TPM_RC_FAILURE: the TPM is in failure mode";
            case 0x143 -> "TPM_RC_COMMAND_CODE: command not implemented";
            case 0x149 -> "TPM_RC_LOCALITY";
            case 0x921 -> "TPM_RC_LOCKOUT";
            case 0x922 -> "TPM_RC_RETRY";
            default -> "";
        };
    }

    static String fix(int rc) {
        return rc == 0x100 ? "the firmware or Linux's TPM driver must start the TPM (TPM2_Startup); check dmesg"
                : "check the TPM (tpm2_getcap, dmesg); or boot with --tpm-policy warn to go on unmeasured";
    }
}
