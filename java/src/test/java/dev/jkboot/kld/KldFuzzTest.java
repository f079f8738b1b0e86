package dev.jkboot.kld;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jkboot.elf.ElfException;
import dev.jkboot.elf.ElfFile;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged linker.hints files and damaged module metadata, seeded and so reproducible: each must
 * be read or refused with the parser's own checked exception; anything else fails the test with
 * the round that caused it.
 */
class KldFuzzTest {
    private static final long SEED = 0x6b6c6478726566L;
    private static final int ROUNDS = 5_000;

    @Test
    void damagedLinkerHintsAreReadOrRefusedAsUnusable() {
        Random random = new Random(SEED);
        byte[] seed = LinkerHintsTest.hintsOf("zfs:5:zfs.ko", "xdr:1:xdr.ko", "jkhelper:2:jkhelper_impl.ko");
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = mutate(random, seed);
            try {
                LinkerHints.parse("h", bytes).fileFor("zfs", Optional.empty());
            } catch (LinkerHints.Unusable expected) {
                // refused: fine
            } catch (Throwable t) {
                fail("round " + round + ": " + Arrays.toString(bytes), t);
            }
        }
    }

    @Test
    void damagedModuleMetadataIsReadOrRefusedAsElfException() throws Exception {
        Random random = new Random(SEED);
        byte[] seed = ModuleMetadataReaderTest.kmod("jkstack");
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = mutate(random, seed);
            try {
                ModuleMetadataReader.read(ElfFile.parse("jkstack.ko", bytes));
            } catch (ElfException expected) {
                // refused: fine
            } catch (Throwable t) {
                fail("round " + round, t);
            }
        }
    }

    /** One to four bytes or ints set to random or extreme values, or the file cut short. */
    private static byte[] mutate(Random random, byte[] seed) {
        byte[] bytes = seed.clone();
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes && bytes.length > 0; i++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> {
                    int v = new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 3, 8}[random.nextInt(6)];
                    for (int k = 0; k < 4 && at + k < bytes.length; k++) {
                        bytes[at + k] = (byte) (v >> (8 * k));
                    }
                }
                default -> bytes = Arrays.copyOf(bytes, at);
            }
        }
        return bytes;
    }
}
