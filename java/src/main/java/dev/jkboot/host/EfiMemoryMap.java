package dev.jkboot.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The UEFI memory map Linux was handed, as raw bytes (which FreeBSD receives unchanged in its
 * EFI_MAP metadata) and decoded. Descriptors are {@code descriptorSize} bytes apart, little endian;
 * only the first 40 bytes of each are defined.
 */
public record EfiMemoryMap(long descriptorSize, long descriptorVersion, byte[] bytes,
        List<EfiMemoryDescriptor> descriptors) {
    /** {@code sizeof(EFI_MEMORY_DESCRIPTOR)} for version 1. */
    public static final int MIN_DESCRIPTOR_SIZE = 40;
    public static final int VERSION = 1;
    /** Real maps hold tens to a few hundred descriptors: a few KiB. */
    public static final int MAX_BYTES = 1 << 20;
    private static final int MAX_DESCRIPTOR_SIZE = 4096;

    public EfiMemoryMap {
        bytes = bytes.clone();
        descriptors = List.copyOf(descriptors);
    }

    /** A copy of the raw descriptors. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Refuses a map shape FreeBSD would misread: checked on Linux's figures before any read, and
     * again on the bytes. {@code where} names the source in errors.
     */
    public static void checkLayout(long mapSize, long descriptorSize, long descriptorVersion,
            String where) throws HostException {
        String problem = null;
        if (descriptorVersion != VERSION) {
            problem = "descriptor version %d, not %d".formatted(descriptorVersion, VERSION);
        } else if (descriptorSize < MIN_DESCRIPTOR_SIZE || descriptorSize > MAX_DESCRIPTOR_SIZE) {
            problem = "descriptor size %d, outside %d..%d".formatted(
                    descriptorSize, MIN_DESCRIPTOR_SIZE, MAX_DESCRIPTOR_SIZE);
        } else if (mapSize <= 0 || mapSize > MAX_BYTES) {
            problem = "map size %d, outside 1..%d".formatted(mapSize, MAX_BYTES);
        } else if (mapSize % descriptorSize != 0) {
            problem = "map size %d is not a multiple of the descriptor size %d"
                    .formatted(mapSize, descriptorSize);
        }
        if (problem != null) {
            throw new HostException(where, "the UEFI memory map has " + problem, "");
        }
    }

    /**
     * Reads Linux's copy of the map through {@code /dev/mem} at the address {@code /chosen} gives.
     * Often refused (Debian's kernels allow no reads of System RAM); then the reason is the error,
     * and a boot lets the trampoline copy the map at jump time instead.
     */
    public static EfiMemoryMap readThroughDevMem(HostRoot root, UefiFacts uefi) throws HostException {
        checkLayout(uefi.mapSize(), uefi.descriptorSize(), uefi.descriptorVersion(),
                root.show(DeviceTree.PATH));
        byte[] bytes;
        try {
            bytes = DevMem.read(root, uefi.mapAddress(), (int) uefi.mapSize());
        } catch (HostException e) {
            // Concatenated, not formatted: Debian's kernels refuse this read, so it is the usual path of a
            // boot, and the first String.format costs start-up (docs/measurements.md, "start-up").
            throw new HostException(e.path(), e.reason(), "none needed: a boot has the trampoline copy the "
                    + uefi.mapSize() + " bytes at 0x" + Long.toHexString(uefi.mapAddress()) + " at jump time", e);
        }
        return decode(bytes, uefi.descriptorSize(), uefi.descriptorVersion(),
                root.show(DevMem.PATH) + " at 0x" + Long.toHexString(uefi.mapAddress()));
    }

    public static EfiMemoryMap decode(byte[] bytes, long descriptorSize, long descriptorVersion,
            String where) throws HostException {
        checkLayout(bytes.length, descriptorSize, descriptorVersion, where);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<EfiMemoryDescriptor> descriptors = new ArrayList<>();
        for (int offset = 0; offset < bytes.length; offset += (int) descriptorSize) {
            EfiMemoryDescriptor d = new EfiMemoryDescriptor(b.getInt(offset) & 0xffff_ffffL,
                    b.getLong(offset + 8), b.getLong(offset + 16), b.getLong(offset + 24),
                    b.getLong(offset + 32));
            checkDescriptor(d, descriptors.size(), offset, where);
            descriptors.add(d);
        }
        return new EfiMemoryMap(descriptorSize, descriptorVersion, bytes, descriptors);
    }

    /** UEFI pages are 4 KiB aligned and the range must end inside the physical address space. */
    private static void checkDescriptor(EfiMemoryDescriptor d, int index, int offset, String where)
            throws HostException {
        String problem = null;
        if (d.physicalStart() < 0 || d.physicalStart() % EfiMemoryDescriptor.PAGE != 0) {
            problem = "physical start 0x%x is not a 4 KiB-aligned physical address"
                    .formatted(d.physicalStart());
        } else if (d.pages() < 0
                || d.pages() > (Long.MAX_VALUE - d.physicalStart()) / EfiMemoryDescriptor.PAGE) {
            problem = "0x%x pages from 0x%x run past the end of the address space"
                    .formatted(d.pages(), d.physicalStart());
        }
        if (problem != null) {
            throw new HostException(where, "UEFI memory descriptor %d (offset %d): %s"
                    .formatted(index, offset, problem), "");
        }
    }
}
