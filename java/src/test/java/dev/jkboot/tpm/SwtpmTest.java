package dev.jkboot.tpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.fs.FileContent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jkboot's commands against a TPM 2.0 written by others (swtpm, libtpms), with the PCRs read back
 * by tpm2-tools and the expected values computed here from the bytes, with the JDK's digests.
 */
class SwtpmTest {
    @TempDir
    Path dir;
    Swtpm swtpm;

    @BeforeEach
    void start() throws Exception {
        swtpm = Swtpm.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        swtpm.close();
    }

    @Test
    void theBanksAreThoseTpm2GetcapLists() throws Exception {
        List<Integer> banks;
        try (TpmTransport t = swtpm.connect()) {
            banks = new Tpm(t).activeBanks();
        }
        // libtpms allocates all four SHA banks when swtpm_setup did not choose.
        assertEquals(List.of(0x0004, 0x000B, 0x000C, 0x000D), banks);
        String getcap = swtpm.tool("tpm2_getcap", "pcrs");
        for (String name : List.of("sha1", "sha256", "sha384", "sha512")) {
            assertTrue(getcap.contains("- " + name + ": [ 0, 1, 2,"), getcap);
        }
    }

    @Test
    void extendsAgreeWithTpm2PcrreadInEveryBank() throws Exception {
        byte[] kernel = "a kernel's bytes".getBytes(StandardCharsets.UTF_8);
        // A sparse raw file: 3 bytes, a hole of 70000 zeros, 2 bytes, then a hole to the end.
        FileContent sparse = new FileContent(70_010, List.of(new FileContent.Extent(0, ByteBuffer.wrap(new byte[] {1, 2, 3})),
                new FileContent.Extent(70_003, ByteBuffer.wrap(new byte[] {4, 5}))));
        byte[] sparseBytes = new byte[70_010];
        sparseBytes[0] = 1;
        sparseBytes[1] = 2;
        sparseBytes[2] = 3;
        sparseBytes[70_003] = 4;
        sparseBytes[70_004] = 5;
        String line = "howto=0x00000800 kernelname=/boot/kernel/kernel";
        List<Measurement> ms = List.of(Measurement.file("/boot/kernel/kernel", FileContent.of(kernel)),
                Measurement.file("/boot/mfsroot", sparse), Measurement.commandLine(line));
        List<String> log = new ArrayList<>();
        Path eventLog = dir.resolve("run/jkboot/log.bin");
        new MeasuredBoot(TpmPolicy.REQUIRE, () -> Optional.of(swtpm.connect()), eventLog, log::add).measure(ms);

        for (String[] bank : new String[][] {{"sha1", "SHA-1"}, {"sha256", "SHA-256"}, {"sha384", "SHA-384"},
                {"sha512", "SHA-512"}}) {
            byte[] pcr9 = chain(bank[1], kernel, sparseBytes);
            byte[] pcr8 = chain(bank[1], line.getBytes(StandardCharsets.UTF_8));
            String read = swtpm.tool("tpm2_pcrread", bank[0] + ":8,9");
            assertTrue(read.contains("8 : 0x" + HexFormat.of().withUpperCase().formatHex(pcr8)), read);
            assertTrue(read.contains("9 : 0x" + HexFormat.of().withUpperCase().formatHex(pcr9)), read);
        }
        assertEquals(3 + 1, log.size(), String.join("\n", log));
        assertEquals("measured into PCR 9: sha256:" + hex(sha("SHA-256", kernel)) + " /boot/kernel/kernel", log.get(0));
        assertEquals("measured into PCR 8: sha256:" + hex(sha("SHA-256", line.getBytes(StandardCharsets.UTF_8)))
                + " kernel_cmdline: " + line, log.get(2));
        assertTrue(log.get(3).contains("PCRs [8, 9]") && log.get(3).contains("[sha1, sha256, sha384, sha512]"),
                log.get(3));
        String parsed = EventLogCheck.replayedEqualsTheTpm(eventLog, swtpm::pcrread);
        assertTrue(parsed.contains("String: |-\n      \"kernel_cmdline: " + line + "\\0\""), parsed);
        assertTrue(parsed.contains("String: |-\n      \"/boot/mfsroot\\0\""), parsed);
    }

    @Test
    void readReturnsWhatTpm2PcrreadShows() throws Exception {
        swtpm.tool("tpm2_pcrextend", "16:sha256=" + "5a".repeat(32));
        byte[] value;
        try (TpmTransport t = swtpm.connect()) {
            value = new Tpm(t).read(16, TpmAlgorithm.SHA256);
        }
        String read = swtpm.tool("tpm2_pcrread", "sha256:16");
        assertTrue(read.contains("16: 0x" + HexFormat.of().withUpperCase().formatHex(value)), read);
    }

    /** PCR = H(PCR || H(part)) for each part, from zero. */
    static byte[] chain(String algorithm, byte[]... parts) throws Exception {
        byte[] pcr = new byte[MessageDigest.getInstance(algorithm).getDigestLength()];
        for (byte[] part : parts) {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            md.update(pcr);
            pcr = md.digest(sha(algorithm, part));
        }
        return pcr;
    }

    static byte[] sha(String algorithm, byte[] bytes) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(bytes);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
