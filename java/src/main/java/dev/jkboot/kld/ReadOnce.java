package dev.jkboot.kld;

import dev.jkboot.boot.BootSource;

/**
 * A file already read to look at its metadata, handed on so the boot does not read it again. A
 * class, not a record: sources are told apart by identity (the measured boot keys its files by
 * source), and a record's generated hashCode would cost its ObjectMethods bootstrap on the boot path
 * (docs/measurements.md, "start-up").
 */
final class ReadOnce implements BootSource {
    private final String name;
    private final byte[] bytes;

    ReadOnce(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] read() {
        return bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return name;
    }
}
