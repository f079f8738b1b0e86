package dev.jkboot.tpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * A TPM reached through a character device: one {@code write} of the command, then {@code read}s
 * until the size in the response header has arrived (Linux's tpm-dev answers in one read, a byte
 * stream such as a serial port may need several). Linux's {@code /dev/tpmrm0} is preferred: its
 * resource manager lets other users share the TPM ({@code drivers/char/tpm/tpmrm-dev.c}).
 */
public final class TpmDevice implements TpmTransport {
    /** The devices Linux creates for the first TPM, the resource-managed one first. */
    public static final List<String> DEVICES = List.of("/dev/tpmrm0", "/dev/tpm0");
    /** Linux's TPM_BUFSIZE: no command or response is longer (drivers/char/tpm/tpm.h). */
    static final int MAX_RESPONSE = 4096;

    private final Path path;
    private final FileChannel channel;

    private TpmDevice(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** The first of {@code candidates} that exists, as a path; empty when the host has no TPM. */
    public static Optional<Path> find(List<Path> candidates) {
        for (Path candidate : candidates) {
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static TpmDevice open(Path path) throws TpmException {
        try {
            return new TpmDevice(path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException | UnsupportedOperationException e) {
            throw new TpmException("cannot open the TPM at " + path + ": " + e.getMessage(),
                    "run jkboot as root; check that no other program holds " + path + " (tpm0 allows one user)", e);
        }
    }

    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public byte[] transact(byte[] command) throws TpmException {
        try {
            ByteBuffer out = ByteBuffer.wrap(command);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteBuffer header = ByteBuffer.allocate(TpmCommands.HEADER_SIZE);
            fill(header);
            long size = header.getInt(2) & 0xFFFFFFFFL;
            if (size < TpmCommands.HEADER_SIZE || size > MAX_RESPONSE) {
                throw new TpmException("%s answered with a response of %d bytes (a TPM 2.0 response has 10 to %d)"
                        .formatted(path, size, MAX_RESPONSE), "check that " + path + " is a TPM 2.0");
            }
            ByteBuffer whole = ByteBuffer.allocate((int) size).put(header.flip());
            fill(whole);
            return whole.array();
        } catch (IOException e) {
            throw new TpmException("the TPM at " + path + " failed: " + e.getMessage(),
                    "check Linux's TPM driver messages (dmesg)", e);
        }
    }

    private void fill(ByteBuffer buffer) throws IOException, TpmException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new TpmException("%s ended its answer after %d bytes".formatted(path, buffer.position()),
                        "check Linux's TPM driver messages (dmesg)");
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written that closing could lose: every answer has been read.
        }
    }
}
