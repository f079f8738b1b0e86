package dev.jkboot.cli;

import dev.jkboot.JkbootException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Work done on a second thread while this one goes on, for the parts of start-up that do not wait
 * on each other: a boot reads and parses its files while the host is discovered, so the machine's
 * second CPU shares the hundreds of milliseconds of interpreted code each takes under emulation
 * (issue 12, docs/measurements.md).
 *
 * <p>What the work says waits until {@link #join()}, then reaches stderr in its order, and what it
 * says later (through the same consumers) goes straight out. So the output reads as if the work had
 * run at the join, whatever the threads' timing; and if this thread fails first (the preflight
 * refused the host), the work's messages are never printed, as they would not have been when the
 * work ran after it.
 *
 * @param <T> what the work produces
 */
final class Alongside<T> {
    /** The work, given the consumers its messages must go through. */
    interface Work<T> {
        T run(Output output) throws JkbootException;
    }

    /** jkboot's log and the loader's own lines, held back until the join. */
    static final class Output {
        private final List<String> held = new ArrayList<>();
        private boolean released;

        /** Like {@link BootLaunch#log}. */
        void log(String message) {
            line("jkboot: " + message);
        }

        /** Like {@link BootLaunch#loaderLine}. */
        void loaderLine(String line) {
            line(line);
        }

        /** {@link #log} as a consumer (anonymous classes, not method references: issue 12). */
        Consumer<String> log() {
            return new Consumer<>() {
                @Override
                public void accept(String message) {
                    log(message);
                }
            };
        }

        Consumer<String> loaderLine() {
            return new Consumer<>() {
                @Override
                public void accept(String line) {
                    loaderLine(line);
                }
            };
        }

        private synchronized void line(String line) {
            if (released) {
                System.err.println(line);
            } else {
                held.add(line);
            }
        }

        private synchronized void release() {
            for (String line : held) {
                System.err.println(line);
            }
            held.clear();
            released = true;
        }
    }

    private final Output output = new Output();
    private final Thread thread;
    private T result;
    private Throwable failure;
    private long nanos;

    private Alongside(String name, Work<T> work) {
        thread = new Thread(name) {
            @Override
            public void run() {
                long start = System.nanoTime();
                try {
                    result = work.run(output);
                } catch (JkbootException | RuntimeException | Error e) {
                    failure = e;
                }
                nanos = System.nanoTime() - start;
            }
        };
        // Never keeps the JVM alive: if this thread fails first, the run ends without the result.
        thread.setDaemon(true);
    }

    /** Starts {@code work} on a thread named {@code name}. */
    static <T> Alongside<T> start(String name, Work<T> work) {
        Alongside<T> alongside = new Alongside<>(name, work);
        alongside.thread.start();
        return alongside;
    }

    /** How long the work took on its thread; known after {@link #join()}. */
    Duration took() {
        return Duration.ofNanos(nanos);
    }

    /**
     * Waits for the work, prints what it said, and returns its result or throws what it threw
     * (jkboot's errors as they are, so they are reported as if thrown here).
     */
    T join() throws JkbootException {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        output.release();
        if (failure instanceof JkbootException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return result;
    }
}
