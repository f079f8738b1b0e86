package dev.jkboot.freebsd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The MODINFOMD_EFI_MAP payload (sys/arm64/include/metadata.h): a 32-byte header area (u64
 * memory_size, u64 descriptor_size, u32 descriptor_version, zero padding) followed by the raw UEFI
 * memory descriptors.
 *
 * <p>When Linux will not let us read the descriptors now (Debian kernels refuse {@code /dev/mem}
 * reads of RAM), the descriptor area stays zero and the trampoline copies it from {@code
 * sourcePhys} just before entering the kernel. Any source address will do: the trampoline copies 8
 * bytes at a time when source, destination and length are all multiples of 8, and bytewise
 * otherwise (an unaligned 8-byte access to Device memory, as all memory is with the MMU off, would
 * fault), so an unaligned map costs time, never correctness.
 *
 * @param descriptors the descriptors if they could be read; empty means "copy at jump time"
 * @param sourcePhys where Linux keeps the map ({@code linux,uefi-mmap-start})
 */
public record EfiMapRecord(long memorySize, long descriptorSize, int descriptorVersion,
                           Optional<byte[]> descriptors, long sourcePhys) {

    /** The smallest descriptor the UEFI spec allows (EFI_MEMORY_DESCRIPTOR is 40 bytes). */
    public static final int MIN_DESCRIPTOR_SIZE = 40;

    public static EfiMapRecord of(long memorySize, long descriptorSize, int descriptorVersion,
                                  Optional<byte[]> descriptors, long sourcePhys) throws BootSpecException {
        String where = "the UEFI memory map reported in /chosen (linux,uefi-mmap-*)";
        if (descriptorSize < MIN_DESCRIPTOR_SIZE || descriptorSize % 8 != 0) {
            throw new BootSpecException(where + " has descriptor size " + descriptorSize
                    + "; it must be a multiple of 8 and at least " + MIN_DESCRIPTOR_SIZE,
                    "the firmware's memory map is unusable; boot Linux with a sane UEFI or use a device-tree host");
        }
        if (memorySize <= 0 || memorySize % descriptorSize != 0 || memorySize > 16L << 20) {
            throw new BootSpecException(where + " has size " + memorySize
                    + ", which is not a positive multiple of the descriptor size " + descriptorSize
                    + " (or is over 16 MiB)", "the firmware's memory map is unusable");
        }
        if (descriptorVersion != 1) {
            throw new BootSpecException(where + " has descriptor version " + descriptorVersion
                    + "; FreeBSD understands version 1", "the firmware's memory map is unusable");
        }
        if (descriptors.isPresent() && descriptors.get().length != memorySize) {
            throw new BootSpecException("read " + descriptors.get().length + " bytes of UEFI memory map but "
                    + where + " says " + memorySize, "re-run; if it persists, report it");
        }
        Optional<byte[]> copy = descriptors.isPresent() ? Optional.of(descriptors.get().clone()) : Optional.empty();
        return new EfiMapRecord(memorySize, descriptorSize, descriptorVersion, copy, sourcePhys);
    }

    /** Whether the trampoline must copy the descriptors at jump time. */
    public boolean copiedAtJump() {
        return descriptors.isEmpty();
    }

    public MetadataRecord toRecord() {
        ByteBuffer b = ByteBuffer.allocate(ModInfo.EFI_MAP_HEADER_SIZE + (int) memorySize)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(memorySize).putLong(descriptorSize).putInt(descriptorVersion);
        b.position(ModInfo.EFI_MAP_HEADER_SIZE);
        if (descriptors.isPresent()) {
            b.put(descriptors.get());
        }
        return new MetadataRecord(ModInfo.MD_EFI_MAP, b.array());
    }
}
