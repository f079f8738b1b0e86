package dev.jkboot.fdt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated and truncated real blobs either parse (and then write and re-read to the same tree) or
 * give an FdtException; never another exception. Seeded, so a failure names a reproducible case.
 */
class FdtFuzzTest {
    private static final long SEED = 0x6a6b626f6f74L;
    private static final int ROUNDS_PER_BLOB = 2000;
    private static final int[] INTERESTING = {0, 1, 2, 3, 4, 9, 16, 17, 40, 56, 0x7fffffff, 0x80000000, -1, -4};

    private int parsed;
    private int refused;

    private static List<byte[]> bases() throws FdtException {
        Fdt qemu = Fixtures.fdt("qemu-virt.dtb.gz");
        // QEMU's tree without its megabyte of free space, so that mutations land in the blocks.
        byte[] packedQemu = FdtWriter.write(new Fdt(qemu.root(), qemu.reservations(), 0, Optional.empty()));
        return List.of(Fixtures.bytes("board.dtb"), Fixtures.bytes("board-v16.dtb"),
                Fixtures.bytes("sysfs-uefi-acpi.dtb"), Fixtures.bytes("sysfs-uefi-dt.dtb"), packedQemu);
    }

    @Test
    void mutatedBlobsParseOrFailCleanly() throws FdtException {
        Random random = new Random(SEED);
        List<byte[]> bases = bases();
        for (int b = 0; b < bases.size(); b++) {
            for (int round = 0; round < ROUNDS_PER_BLOB; round++) {
                StringBuilder how = new StringBuilder("seed 0x%x, blob %d, round %d:".formatted(SEED, b, round));
                byte[] blob = bases.get(b);
                for (int m = 1 + random.nextInt(3); m > 0; m--) {
                    blob = mutate(blob, random, how);
                }
                check(blob, how.toString());
            }
        }
        System.err.printf("fdt fuzz: %d mutated blobs parsed and rewrote identically, %d refused%n", parsed, refused);
        // Both outcomes happen, so neither path went untested.
        assertTrue(parsed > 100, "parsed " + parsed);
        assertTrue(refused > 100, "refused " + refused);
    }

    @Test
    void everyTruncationOfASmallBlobFailsCleanly() {
        byte[] board = Fixtures.bytes("board.dtb");
        for (int length = 0; length < board.length; length++) {
            byte[] prefix = Arrays.copyOf(board, length);
            check(prefix, "prefix of " + length);
            if (length >= 8) {
                // The header now agrees with the length: the blocks themselves are cut short.
                check(Blobs.with(prefix, 4, length), "prefix of " + length + " with totalsize " + length);
            }
        }
        assertEquals(0, parsed, "a truncated tree parsed");
    }

    private void check(byte[] blob, String how) {
        Fdt fdt;
        try {
            fdt = FdtReader.read(blob, "fuzz");
        } catch (FdtException e) {
            assertTrue(e.getMessage().startsWith("fuzz: ") && e.getMessage().contains("byte offset"),
                    how + " " + e.getMessage());
            assertFalse(e.fix().isEmpty(), how);
            refused++;
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(how + " escaped the reader as " + e, e);
        }
        parsed++;
        try {
            readViews(fdt);
            byte[] written = FdtWriter.write(fdt);
            Fdt again = FdtReader.read(written, "rewritten");
            assertEquals(fdt.root(), again.root(), how);
            assertEquals(fdt.reservations(), again.reservations(), how);
            assertEquals(fdt.bootCpuidPhys(), again.bootCpuidPhys(), how);
            assertArrayEquals(written, FdtWriter.write(again), how);
        } catch (FdtException | RuntimeException e) {
            throw new AssertionError(how + " parsed, but writing and re-reading it failed: " + e, e);
        }
    }

    /** The typed views either answer or refuse with an FdtException. */
    private static void readViews(Fdt fdt) {
        try {
            fdt.chosen();
        } catch (FdtException expected) {
            assertTrue(expected.getMessage().startsWith("/chosen: "), expected.getMessage());
        }
        try {
            fdt.memory();
            fdt.reservedMemory();
        } catch (FdtException expected) {
            assertTrue(expected.getMessage().startsWith("/"), expected.getMessage());
        }
    }

    private static byte[] mutate(byte[] blob, Random random, StringBuilder how) {
        if (blob.length < 40) {
            return blob; // cut below a header already: nothing more worth mutating
        }
        byte[] m = blob.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                int at = random.nextInt(m.length);
                int bit = random.nextInt(8);
                m[at] ^= (byte) (1 << bit);
                how.append(" flip bit %d of byte 0x%x;".formatted(bit, at));
            }
            case 1 -> {
                int at = random.nextInt(m.length / 4) * 4;
                int value = INTERESTING[random.nextInt(INTERESTING.length)];
                ByteBuffer.wrap(m).putInt(at, value);
                how.append(" word at 0x%x = 0x%x;".formatted(at, value));
            }
            case 2 -> {
                int at = random.nextInt(10) * 4;
                int value = random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)]
                        : random.nextInt(m.length + 64);
                ByteBuffer.wrap(m).putInt(at, value);
                how.append(" header word at 0x%x = 0x%x;".formatted(at, value));
            }
            case 3 -> {
                int length = random.nextInt(m.length + 1);
                m = Arrays.copyOf(m, length);
                if (length >= 8 && random.nextBoolean()) {
                    ByteBuffer.wrap(m).putInt(4, length);
                    how.append(" truncate to %d with totalsize;".formatted(length));
                } else {
                    how.append(" truncate to %d;".formatted(length));
                }
            }
            default -> {
                int at = random.nextInt(m.length);
                int count = Math.min(1 + random.nextInt(8), m.length - at);
                byte[] shorter = new byte[m.length - count];
                System.arraycopy(m, 0, shorter, 0, at);
                System.arraycopy(m, at + count, shorter, at, m.length - at - count);
                m = shorter;
                how.append(" delete %d bytes at 0x%x;".formatted(count, at));
            }
        }
        return m;
    }
}
