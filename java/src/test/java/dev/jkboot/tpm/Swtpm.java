package dev.jkboot.tpm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jkboot.RequiredTool;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's swtpm (libtpms, a TPM 2.0 written by others) as a socket server, started with the TPM
 * already through TPM2_Startup, and tpm2-tools to ask it independently of jkboot.
 */
final class Swtpm implements AutoCloseable {
    private final Path dir;
    private final Process process;

    private Swtpm(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    static Swtpm start(Path dir) throws Exception {
        Path swtpm = RequiredTool.require("swtpm");
        RequiredTool.require("tpm2_pcrread");
        Process p = new ProcessBuilder(swtpm.toString(), "socket", "--tpm2", "--tpmstate", "dir=" + dir,
                "--server", "type=unixio,path=" + dir.resolve("data.sock"),
                "--ctrl", "type=unixio,path=" + dir.resolve("data.sock.ctrl"),
                "--flags", "not-need-init,startup-clear")
                .redirectErrorStream(true).redirectOutput(dir.resolve("swtpm.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(dir.resolve("data.sock.ctrl")); i++) {
            Thread.sleep(20);
        }
        Thread.sleep(50);
        return new Swtpm(dir, p);
    }

    /** A connection to the TPM's command channel: one command, one whole response. */
    TpmTransport connect() throws TpmException {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(dir.resolve("data.sock")));
        } catch (IOException e) {
            throw new TpmException("cannot connect to swtpm: " + e, "");
        }
        return new TpmTransport() {
            @Override
            public String name() {
                return "swtpm";
            }

            @Override
            public byte[] transact(byte[] command) throws TpmException {
                try {
                    ch.write(ByteBuffer.wrap(command));
                    ByteBuffer header = ByteBuffer.allocate(10);
                    while (header.hasRemaining() && ch.read(header) >= 0) { }
                    ByteBuffer all = ByteBuffer.allocate(header.getInt(2)).put(header.flip());
                    while (all.hasRemaining() && ch.read(all) >= 0) { }
                    return all.array();
                } catch (IOException e) {
                    throw new TpmException("swtpm: " + e, "");
                }
            }

            @Override
            public void close() {
                try {
                    ch.close();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        };
    }

    /** tpm2-tools (tpm2-tss's swtpm TCTI) run against this TPM; its standard output. */
    String tool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(args));
        cmd.add(1, "-T");
        cmd.add(2, "swtpm:path=" + dir.resolve("data.sock"));
        return run(cmd);
    }

    /** A PCR as tpm2_pcrread shows it (upper-case hex after 0x). */
    String pcrread(String bank, int pcr) throws Exception {
        String out = tool("tpm2_pcrread", bank + ":" + pcr);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(pcr + "\\s*: 0x([0-9A-F]+)").matcher(out);
        if (!m.find()) {
            throw new AssertionError("no PCR " + pcr + " in: " + out);
        }
        return m.group(1);
    }

    static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
