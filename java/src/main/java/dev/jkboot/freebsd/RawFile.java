package dev.jkboot.freebsd;

import java.util.List;
import java.util.Optional;

/**
 * A file handed to the kernel as it is, with a type the kernel or a driver looks for: an
 * {@code md_image} memory disk, a {@code dtb}, a {@code cpu_microcode}, … ({@code load -t TYPE} in
 * FreeBSD's loader). It gets no metadata of its own.
 */
public final class RawFile {
    private RawFile() {}

    public static Loadable loadable(String name, String type, byte[] bytes, Optional<String> args) {
        byte[] copy = bytes.clone();
        return va -> new LoadedObject(new PreloadedFile(name, type, args, va, copy.length, List.of()),
                List.of(ImageChunk.of(name, va, copy)), Optional.empty());
    }
}
