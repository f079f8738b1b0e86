package dev.jkboot.entropy;

/** Where platform entropy comes from: Linux's getrandom(2) on a real boot, fixed bytes in tests. */
@FunctionalInterface
public interface EntropySource {
    /** Exactly {@code size} random bytes. */
    byte[] read(int size) throws EntropyException;
}
