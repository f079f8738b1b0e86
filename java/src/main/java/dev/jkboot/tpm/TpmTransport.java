package dev.jkboot.tpm;

/** Carries one command to a TPM and brings back its whole answer: the device, or a fake in tests. */
public interface TpmTransport extends AutoCloseable {
    /** What to call it in messages (the device path). */
    String name();

    /** Sends {@code command} and returns the complete response (its header's size, no more). */
    byte[] transact(byte[] command) throws TpmException;

    @Override
    void close();
}
