package dev.jkboot.tpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The measured-boot step, run once the plan is valid and before {@code kexec_load}: every
 * measurement extended into all active PCR banks, in order, each followed by its entry in jkboot's
 * event log; then the PCRs read back and compared with the values the extends must have produced.
 * A fault stops the boot under {@link TpmPolicy#REQUIRE}; under {@link TpmPolicy#WARN} it is said
 * and the boot goes on.
 */
public final class MeasuredBoot {
    /** Where jkboot keeps its event log: Linux's own (binary_bios_measurements) is read-only. */
    public static final Path DEFAULT_LOG = Path.of("/run/jkboot/tpm-event-log.bin");

    /** Opens the host's TPM; empty when the host has none. */
    public interface Opener {
        Optional<TpmTransport> open() throws TpmException;

        /** The first of {@code devices} that exists (TpmDevice.DEVICES on a host). */
        static Opener firstOf(List<Path> devices) {
            return new Opener() { // not a lambda: every boot makes one, and lambdas cost start-up (issue 12)
                @Override
                public Optional<TpmTransport> open() throws TpmException {
                    Optional<Path> found = TpmDevice.find(devices);
                    return found.isEmpty() ? Optional.empty() : Optional.of(TpmDevice.open(found.get()));
                }
            };
        }
    }

    private final TpmPolicy policy;
    private final Opener opener;
    private final Path logFile;
    private final Consumer<String> log;

    public MeasuredBoot(TpmPolicy policy, Opener opener, Path logFile, Consumer<String> log) {
        this.policy = policy;
        this.opener = opener;
        this.logFile = logFile;
        this.log = log;
    }

    /**
     * Measures everything, in order.
     *
     * @throws TpmException only under {@link TpmPolicy#REQUIRE}
     */
    public void measure(List<Measurement> measurements) throws TpmException {
        if (policy == TpmPolicy.OFF) {
            return;
        }
        try {
            measureAll(measurements);
        } catch (TpmException e) {
            if (policy == TpmPolicy.REQUIRE) {
                throw e;
            }
            log.accept("measured boot: " + e.getMessage() + " (" + e.fix() + "); booting on without measurements "
                    + "(--tpm-policy require would stop here)");
        }
    }

    private void measureAll(List<Measurement> measurements) throws TpmException {
        Optional<TpmTransport> device = opener.open();
        if (device.isEmpty()) {
            throw new TpmException("no TPM 2.0 device (" + String.join(", ", TpmDevice.DEVICES) + ")",
                    "load Linux's TPM driver for this machine (tpm_tis, tpm_crb, tpm_ftpm_tee, ...), "
                            + "or say --tpm-policy off");
        }
        try (TpmTransport transport = device.get(); FileChannel eventLog = openLog()) {
            Tpm tpm = new Tpm(transport);
            List<TpmAlgorithm> banks = tpm.extendableBanks();
            if (eventLog.size() == 0) {
                write(eventLog, EventLog.header(banks));
            }
            TpmAlgorithm checked = banks.contains(TpmAlgorithm.SHA256) ? TpmAlgorithm.SHA256 : banks.get(0);
            Map<Integer, byte[]> expected = new TreeMap<>();
            for (int pcr : pcrs(measurements)) {
                expected.put(pcr, tpm.read(pcr, checked));
            }
            for (Measurement m : measurements) {
                List<Digest> digests = m.digests(banks);
                tpm.extend(m.pcr(), digests);
                write(eventLog, EventLog.event(m.pcr(), m.eventType(), digests, m.eventData()));
                Digest d = digests.get(banks.indexOf(checked));
                expected.put(m.pcr(), extended(checked, expected.get(m.pcr()), d.bytes()));
                log.accept("measured into PCR %d: %s %s".formatted(m.pcr(), d, m.describe()));
            }
            for (Map.Entry<Integer, byte[]> e : expected.entrySet()) {
                byte[] now = tpm.read(e.getKey(), checked);
                if (!Arrays.equals(now, e.getValue())) {
                    throw new TpmException("PCR %d (%s) reads %s after jkboot's extends, but they make %s"
                            .formatted(e.getKey(), checked.label(), hex(now), hex(e.getValue())),
                            "something else extended it meanwhile, or the TPM is faulty; check tpm2_eventlog");
                }
            }
            log.accept("measured %d items into PCRs %s of %s (banks %s); event log %s".formatted(measurements.size(),
                    expected.keySet(), transport.name(), banks.stream().map(TpmAlgorithm::label).toList(), logFile));
        } catch (IOException e) {
            throw new TpmException("cannot write the TPM event log " + logFile + ": " + e.getMessage(),
                    "check that " + logFile.getParent() + " is on a writable file system", e);
        }
    }

    /** PCR_new = H(PCR_old || digest), the TPM's extend. */
    static byte[] extended(TpmAlgorithm bank, byte[] before, byte[] digest) {
        MessageDigest md = bank.newDigest();
        md.update(before);
        md.update(digest);
        return md.digest();
    }

    private FileChannel openLog() throws IOException {
        Path dir = logFile.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        return FileChannel.open(logFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    private static void write(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private static Set<Integer> pcrs(List<Measurement> measurements) {
        Set<Integer> pcrs = new LinkedHashSet<>();
        measurements.forEach(m -> pcrs.add(m.pcr()));
        return pcrs;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
