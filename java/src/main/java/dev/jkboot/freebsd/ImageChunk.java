package dev.jkboot.freebsd;

import java.nio.ByteBuffer;

/**
 * Bytes the kernel expects at a kernel virtual address: {@code data}, then zeros up to {@code
 * memSize} (a segment's bss). {@code data} is a read-only view; nothing is copied until the bytes
 * are handed to Linux.
 */
public record ImageChunk(String what, long va, ByteBuffer data, long memSize) {
    public ImageChunk {
        data = data.asReadOnlyBuffer();
        if (memSize < data.remaining()) {
            throw new IllegalArgumentException(what + ": memSize " + memSize + " < data " + data.remaining());
        }
    }

    public static ImageChunk of(String what, long va, byte[] bytes) {
        return new ImageChunk(what, va, ByteBuffer.wrap(bytes), bytes.length);
    }


    public long end() {
        return va + memSize;
    }
}
