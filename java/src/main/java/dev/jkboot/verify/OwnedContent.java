package dev.jkboot.verify;

import dev.jkboot.fs.FileContent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * File contents held in memory only jkboot can write, so the bytes that were hashed are the bytes
 * kexec gets: a mapping of a file could change under jkboot between the check and the load.
 */
final class OwnedContent {
    private OwnedContent() {}

    /** One copy of every extent of {@code content} into the heap, holes left as holes. */
    static FileContent copyOf(FileContent content) {
        List<FileContent.Extent> copies = new ArrayList<>();
        for (FileContent.Extent e : content.extents()) {
            byte[] copy = new byte[e.bytes().remaining()];
            e.bytes().duplicate().get(copy);
            copies.add(new FileContent.Extent(e.offset(), ByteBuffer.wrap(copy)));
        }
        return new FileContent(content.size(), copies);
    }
}
