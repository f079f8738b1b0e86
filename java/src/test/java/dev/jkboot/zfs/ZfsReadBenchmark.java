package dev.jkboot.zfs;

import dev.jkboot.disk.BlockDevice;
import dev.jkboot.zfs.checksum.ChecksumType;
import dev.jkboot.zfs.checksum.Checksums;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Benchmark, not a test: reads every file of the zroot fixture (lzjb, gzip and uncompressed
 * datasets, fletcher4 throughout) four times a round through one opened pool (file data is not
 * cached; metadata is, as in a boot), ROUNDS rounds, and fletcher4 alone
 * over a 128 KiB block; prints the median and best MB/s of the rounds. Rates are of this thread's
 * CPU time, not wall time, so that other work on a loaded machine disturbs them less. Run from
 * the worktree's root after {@code mvn -o -q test-compile}:
 * {@code java -cp target/classes:target/test-classes dev.jkboot.zfs.ZfsReadBenchmark [ROUNDS]}.
 */
public final class ZfsReadBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ZfsReadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        List<String[]> files = ZfsFixtures.manifest("zroot", "file");
        double[] reads = new double[rounds];
        double[] sums = new double[rounds];
        ByteBuffer block = ByteBuffer.wrap(new byte[128 << 10]);
        new Random(1).nextBytes(block.array());
        List<BlockDevice> devices = ZfsFixtures.devices("zroot.img");
        ZfsPool pool = ZfsPool.open(devices);
        for (int round = 0; round < rounds; round++) {
            long bytes = 0;
            long start = THREADS.getCurrentThreadCpuTime();
            for (int repeat = 0; repeat < 4; repeat++) {
                for (String[] f : files) {
                    bytes += pool.mount(f[1]).readAll(f[2], Long.MAX_VALUE).length;
                }
            }
            reads[round] = rate(bytes, start);
            start = THREADS.getCurrentThreadCpuTime();
            long sink = 0;
            for (int i = 0; i < 256; i++) {
                sink += Checksums.compute(ChecksumType.FLETCHER_4, block, ByteOrder.LITTLE_ENDIAN, null).word3();
            }
            sums[round] = rate(256L * block.capacity(), start);
            if (sink == 42) {
                System.out.print("");
            }
        }
        for (BlockDevice d : devices) {
            d.close();
        }
        System.out.printf("zroot files: median %.0f MB/s, best %.0f MB/s; fletcher4: median %.0f MB/s, best %.0f MB/s (%d rounds)%n",
                median(reads), max(reads), median(sums), max(sums), rounds);
    }

    private static double rate(long bytes, long startCpuNanos) {
        return bytes / 1e6 / ((THREADS.getCurrentThreadCpuTime() - startCpuNanos) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
