package dev.jkboot.freebsd;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/** Synthetic boot images for tests of the builder and the planner. */
public final class TestImages {
    private TestImages() {}

    /** A "kernel" of {@code fileBytes} bytes of 0xAA followed by bss up to {@code memSize}. */
    public static LoadedObject kernel(int fileBytes, long memSize) {
        byte[] text = new byte[fileBytes];
        java.util.Arrays.fill(text, (byte) 0xAA);
        PreloadedFile file = new PreloadedFile("/boot/kernel/kernel", ModInfo.TYPE_KERNEL, Optional.empty(),
                Arm64.KERNBASE, memSize, List.of(new MetadataRecord(ModInfo.MD_ELFHDR, new byte[64])));
        return new LoadedObject(file, List.of(new ImageChunk("kernel", Arm64.KERNBASE, ByteBuffer.wrap(text), memSize)),
                Optional.empty());
    }

    /** A raw file of the given type whose bytes are all {@code fill}. */
    public static Loadable raw(String name, String type, int size, byte fill) {
        return va -> {
            byte[] b = new byte[size];
            java.util.Arrays.fill(b, fill);
            return new LoadedObject(new PreloadedFile(name, type, Optional.empty(), va, size, List.of()),
                    List.of(ImageChunk.of(name, va, b)), Optional.empty());
        };
    }

    public static EfiMapRecord efiMapCopiedAtJump(long sourcePhys, int descriptors) throws BootSpecException {
        return EfiMapRecord.of(48L * descriptors, 48, 1, Optional.empty(), sourcePhys);
    }

    /** A kernel with a UEFI memory description and a small environment. */
    public static BootImage uefiImage(LoadedObject kernel, List<Loadable> others, long efiSourcePhys)
            throws BootSpecException {
        return BootImageBuilder.build(kernel, Arm64.KERNBASE + 0x800, others,
                KernelEnvironment.empty().with("boot_verbose", "YES"), 0x800, Optional.empty(),
                new MemoryDescription.Uefi(efiMapCopiedAtJump(efiSourcePhys, 30), 0x5fff0018L));
    }
}
