package dev.jkboot.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who sets the level, and that nobody lowers it. */
class VerifyPolicyTest {
    @TempDir Path image;

    private VerifyPolicy resolve(String cmdline, String option) throws VerifyException {
        return VerifyPolicy.resolve(image, Optional.ofNullable(cmdline), Optional.ofNullable(option));
    }

    private void anchor() throws Exception {
        OpensslSigning.create(image.resolve("keys"), "ec").installAnchor(image);
    }

    @Test
    void withNothingInstalledOrAskedVerificationIsOff() throws Exception {
        VerifyPolicy p = resolve("console=ttyAMA0", null);
        assertEquals(VerifyLevel.OFF, p.level());
        assertEquals("verified boot: off (no trust anchors installed)", p.describe());
    }

    @Test
    void installedAnchorsRequireVerification() throws Exception {
        anchor();
        VerifyPolicy p = resolve(null, null);
        assertEquals(VerifyLevel.REQUIRE, p.level());
        assertEquals(List.of("1 trust anchor in /etc/jkboot/trust"), p.reasons());
        assertEquals("CN=jkboot test CA", p.anchors().anchors().get(0).certificate().getSubjectX500Principal()
                .getName());
    }

    @Test
    void theKernelCommandLineAndTheOptionRaiseTheLevelAndTheLastParameterCounts() throws Exception {
        assertEquals(VerifyLevel.REQUIRE, resolve("jkboot.verify=strict quiet jkboot.verify=require", null).level());
        assertEquals(VerifyLevel.STRICT, resolve("jkboot.verify=require", "strict").level());
        assertEquals(VerifyLevel.STRICT, resolve("jkboot.verify=strict", "require").level(),
                "the option cannot lower the command line");
    }

    @Test
    void theParameterIsAWholeWordBetweenRegexWhitespace() {
        assertEquals(Optional.of("strict"), VerifyPolicy.parameter("quiet\tjkboot.verify=strict\u000B\fro\r\n"));
        assertEquals(Optional.of("require"), VerifyPolicy.parameter("jkboot.verify=strict  \n jkboot.verify=require"));
        assertEquals(Optional.of(""), VerifyPolicy.parameter("jkboot.verify= quiet"));
        // trim() takes any control character off the ends; inside the line only \s separates words.
        assertEquals(Optional.of("strict"), VerifyPolicy.parameter("\u0001jkboot.verify=strict\u0001"));
        assertEquals(Optional.empty(), VerifyPolicy.parameter("quiet\u0001jkboot.verify=strict"));
        assertEquals(Optional.of("strict\u0001quiet"), VerifyPolicy.parameter("jkboot.verify=strict\u0001quiet"));
        assertEquals(Optional.empty(), VerifyPolicy.parameter("xjkboot.verify=strict jkboot.verify"));
        assertEquals(Optional.empty(), VerifyPolicy.parameter(""));
        assertEquals(Optional.empty(), VerifyPolicy.parameter(" \t "));
    }

    @Test
    void theImagesPolicyCannotBeLowered() throws Exception {
        Files.createDirectories(image.resolve("etc/jkboot"));
        Files.writeString(image.resolve("etc/jkboot/verify"), "strict\n");
        assertEquals(VerifyLevel.STRICT, resolve("jkboot.verify=require", "require").level());
        VerifyException e = assertThrows(VerifyException.class, () -> resolve("jkboot.verify=off", null));
        assertTrue(e.getMessage().startsWith("jkboot.verify on the kernel command line: 'off' is not a "
                + "verification level"), e.getMessage());
        assertThrows(VerifyException.class, () -> resolve(null, "off"));
    }

    @Test
    void aBrokenAnchorFileFailsClosed() throws Exception {
        Files.createDirectories(image.resolve("etc/jkboot/trust"));
        Files.writeString(image.resolve("etc/jkboot/trust/ca.pem"), "not a certificate\n");
        VerifyException e = assertThrows(VerifyException.class, () -> resolve(null, null));
        assertTrue(e.getMessage().contains("holds no PEM certificate"), e.getMessage());
    }

    @Test
    void severityIsGuessedFromTheNameAsFreeBsdDoes() {
        assertEquals(Severity.TRY, Severity.guess("/boot/loader.conf"));
        assertEquals(Severity.TRY, Severity.guess("/boot/device.hints"));
        assertEquals(Severity.WANT, Severity.guess("/boot/loader.conf.local"));
        assertEquals(Severity.MUST, Severity.guess("/boot/lua/loader.lua"));
        assertEquals(Severity.WANT, Severity.guess("/boot/kernel/kernel"));
        assertEquals(Severity.WANT, Severity.guess("/boot/a.dir/file"));
    }
}
