package dev.jkboot.kld;

import dev.jkboot.boot.BootSource;

/** A file already read to look at its metadata, handed on so the boot does not read it again. */
record ReadOnce(String name, byte[] bytes) implements BootSource {
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
