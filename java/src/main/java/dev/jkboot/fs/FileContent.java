package dev.jkboot.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of one file of any size, as read-only buffers laid out at their offsets in the file,
 * without a copy in the Java heap: a file Linux can open is mapped (by jkboot's shim, or
 * {@link FileChannel#map}), a file inside a UFS2 partition is a list of mapped runs of the device.
 * Nothing is read until the bytes are used (by the integrity check, or by Linux itself during
 * {@code kexec_load}), so a dry run costs no more memory for a 1 GiB file than for a small one.
 *
 * <p>Offsets not covered by an extent are holes and read as zeros. Extents are in offset order, do
 * not overlap, lie inside {@link #size()} and are at most {@link #MAX_EXTENT} bytes each, so no
 * limit of Java arrays or buffers (2 GiB) applies to the file as a whole.
 */
public final class FileContent {
    /** The largest extent: buffers are indexed by int, and 1 GiB keeps every extent page aligned. */
    public static final int MAX_EXTENT = 1 << 30;

    /** The remaining bytes of {@code bytes}, at file offset {@code offset}; kept as a read-only view from 0. */
    public record Extent(long offset, ByteBuffer bytes) {
        public Extent {
            bytes = bytes.slice().asReadOnlyBuffer();
        }

        public long end() {
            return offset + bytes.remaining();
        }
    }

    private final long size;
    private final List<Extent> extents;

    /**
     * @throws IllegalArgumentException if the extents overlap, are out of order, too large or
     *     outside the file
     */
    public FileContent(long size, List<Extent> extents) {
        long next = 0;
        for (Extent e : extents) {
            if (e.offset() < next || e.bytes().remaining() > MAX_EXTENT || e.end() > size) {
                throw new IllegalArgumentException("extent at %d of %d bytes in a file of %d (previous ended at %d)"
                        .formatted(e.offset(), e.bytes().remaining(), size, next));
            }
            next = e.end();
        }
        this.size = size;
        this.extents = List.copyOf(extents);
    }

    /** Bytes already in the heap (small files: configuration, device trees, test data). */
    public static FileContent of(byte[] bytes) {
        return bytes.length == 0 ? new FileContent(0, List.of())
                : new FileContent(bytes.length, List.of(new Extent(0, ByteBuffer.wrap(bytes.clone()))));
    }

    /**
     * The whole of the regular file {@code file}, mapped read-only in extents of {@link #MAX_EXTENT}:
     * by jkboot's shim where it loads ({@link NativeMapping}), else by a FileChannel.
     */
    public static FileContent map(Path file) throws IOException {
        if (!NativeMapping.available()) {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw notRegular(file);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                return map(channel, channel.size());
            }
        }
        try (NativeMapping opened = NativeMapping.open(file)) {
            return mapped(opened.size(), new Mapper() {
                @Override
                public ByteBuffer map(long at, int length) throws IOException {
                    return opened.map(at, length);
                }
            });
        }
    }

    /** A directory, device, FIFO or /proc file cannot be mapped as a file of known size. */
    static IOException notRegular(Path file) {
        return new IOException(file + " is not a regular file");
    }

    /**
     * The first {@code size} bytes of an open regular file, mapped read-only in extents of
     * {@link #MAX_EXTENT}. The mapping outlives the channel, which the caller may close at once.
     */
    public static FileContent map(FileChannel channel, long size) throws IOException {
        return mapped(size, new Mapper() {
            @Override
            public ByteBuffer map(long at, int length) throws IOException {
                return channel.map(FileChannel.MapMode.READ_ONLY, at, length);
            }
        });
    }

    /** Maps {@code length} bytes from file offset {@code at}. */
    private interface Mapper {
        ByteBuffer map(long at, int length) throws IOException;
    }

    private static FileContent mapped(long size, Mapper mapper) throws IOException {
        List<Extent> extents = new ArrayList<>();
        for (long at = 0; at < size; at += MAX_EXTENT) {
            extents.add(new Extent(at, mapper.map(at, (int) Math.min(MAX_EXTENT, size - at))));
        }
        return new FileContent(size, extents);
    }

    public long size() {
        return size;
    }

    public List<Extent> extents() {
        return extents;
    }

    /**
     * The whole file in a new array; for files known to be small. Reads every mapped page.
     *
     * @throws IllegalStateException if the file is larger than a Java array
     */
    public byte[] toArray() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a file of " + size + " bytes does not fit a Java array");
        }
        byte[] out = new byte[(int) size];
        for (Extent e : extents) {
            e.bytes().duplicate().get(out, (int) e.offset(), e.bytes().remaining());
        }
        return out;
    }
}
