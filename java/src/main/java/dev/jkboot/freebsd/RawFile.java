package dev.jkboot.freebsd;

import dev.jkboot.fs.FileContent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A file handed to the kernel as it is, with a type the kernel or a driver looks for: an
 * {@code md_image} memory disk, a {@code dtb}, a {@code cpu_microcode}, … ({@code load -t TYPE} in
 * FreeBSD's loader). It gets no metadata of its own.
 *
 * <p>Its bytes are never copied here: each extent of the file's {@link FileContent} (mapped, of any
 * size) becomes a chunk at its offset, and each hole a chunk of zeros without bytes, so the whole
 * file is covered and Linux or the segment buffer supplies the zeros.
 */
public final class RawFile {
    private RawFile() {}

    public static Loadable loadable(String name, String type, byte[] bytes, Optional<String> args) {
        return loadable(name, type, FileContent.of(bytes), args);
    }

    public static Loadable loadable(String name, String type, FileContent content, Optional<String> args) {
        // An anonymous class, not a lambda: a lambda call site costs milliseconds at start-up under
        // emulation (issue 12), a class a fraction of one.
        return new Loadable() {
            @Override
            public LoadedObject loadAt(long va) {
                return new LoadedObject(new PreloadedFile(name, type, args, va, content.size(), List.of()),
                        chunks(name, va, content), Optional.empty());
            }
        };
    }

    static List<ImageChunk> chunks(String name, long va, FileContent content) {
        List<ImageChunk> chunks = new ArrayList<>();
        long covered = 0;
        for (FileContent.Extent e : content.extents()) {
            if (e.offset() > covered) {
                chunks.add(hole(name, va + covered, e.offset() - covered));
            }
            chunks.add(new ImageChunk(name, va + e.offset(), e.bytes(), e.bytes().remaining()));
            covered = e.end();
        }
        if (content.size() > covered || chunks.isEmpty()) {
            chunks.add(hole(name, va + covered, content.size() - covered));
        }
        return chunks;
    }

    private static ImageChunk hole(String name, long va, long size) {
        return new ImageChunk(name, va, ByteBuffer.allocate(0), size);
    }
}
