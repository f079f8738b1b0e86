package dev.jkboot.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BootImageBuilderTest {
    private static final long K = Arm64.KERNBASE;

    @Test
    void laysFilesOutInFreeBsdOrderPageAligned() throws Exception {
        LoadedObject kernel = TestImages.kernel(0x1800, 0x2345);
        byte[] dtb = new byte[0x1234];
        BootImage img = BootImageBuilder.build(kernel, K + 0x100,
                List.of(TestImages.raw("/boot/a", "md_image", 0x10, (byte) 1),
                        TestImages.raw("/boot/b", "dtb", 0x1001, (byte) 2)),
                KernelEnvironment.empty().with("a", "b"), 2, Optional.of(dtb),
                new MemoryDescription.DeviceTreeMemory());
        assertEquals(K + 0x3000, img.files().get(1).address(), "first module after the page-rounded kernel end");
        assertEquals(K + 0x4000, img.files().get(2).address());
        assertEquals(K + 0x6000, img.envVa(), "env after the page-rounded end of the last file");
        assertEquals(Optional.of(K + 0x7000), img.dtbVa());
        assertEquals(K + 0x9000, img.modulepVa(), "metadata after the page-rounded DTB");
        assertEquals(K + 0x9000 + 0x1000, img.kernendVa(), "kernend page-rounded after the metadata");

        List<MetadataDecoder.File> files = MetadataDecoder.decode(img.metadata().bytes());
        MetadataDecoder.File k = files.get(0);
        assertEquals(img.kernendVa(), k.find(ModInfo.MD_KERNEND).u64());
        assertEquals(img.envVa(), k.find(ModInfo.MD_ENVP).u64());
        assertEquals(K + 0x7000, k.find(ModInfo.MD_DTBP).u64());
        assertEquals(2, k.find(ModInfo.MD_HOWTO).u32());
        assertFalse(k.has(ModInfo.MD_EFI_MAP), "no EFI map on a device-tree host");
        assertFalse(k.has(ModInfo.MD_FW_HANDLE));
        assertEquals(List.of(ModInfo.NAME, ModInfo.TYPE, ModInfo.ADDR, ModInfo.SIZE, ModInfo.MD_KERNEND,
                ModInfo.MD_DTBP, ModInfo.MD_ENVP, ModInfo.MD_HOWTO, ModInfo.MD_ELFHDR),
                k.records().stream().map(MetadataDecoder.Rec::type).toList());
        assertEquals("dtb", files.get(2).find(ModInfo.TYPE).string());
    }

    @Test
    void uefiHostsGetTheEfiMapAndFirmwareHandleAndACopyOrder() throws Exception {
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x1000, 0x1000), List.of(), 0x5c000018L);
        MetadataDecoder.File k = MetadataDecoder.decode(img.metadata().bytes()).get(0);
        assertEquals(0x5fff0018L, k.find(ModInfo.MD_FW_HANDLE).u64());
        byte[] map = k.find(ModInfo.MD_EFI_MAP).data();
        assertEquals(32 + 48 * 30, map.length);
        long dataOffset = img.metadata().kernelRecord(ModInfo.MD_EFI_MAP).dataOffset();
        assertEquals(Optional.of(img.modulepVa() + dataOffset + 32), img.efiMapCopyVa());
        assertEquals(List.of(ModInfo.NAME, ModInfo.TYPE, ModInfo.ADDR, ModInfo.SIZE, ModInfo.MD_EFI_MAP,
                ModInfo.MD_FW_HANDLE, ModInfo.MD_KERNEND, ModInfo.MD_ENVP, ModInfo.MD_HOWTO, ModInfo.MD_ELFHDR),
                k.records().stream().map(MetadataDecoder.Rec::type).toList());
    }

    @Test
    void refusesAHostWithNoMemoryDescription() {
        BootSpecException e = assertThrows(BootSpecException.class, () -> BootImageBuilder.build(
                TestImages.kernel(16, 16), K, List.of(), KernelEnvironment.empty(), 0, Optional.empty(),
                new MemoryDescription.DeviceTreeMemory()));
        assertTrue(e.getMessage().contains("Cannot get physical memory regions"), e.getMessage());
    }

    @Test
    void refusesAKernelNotAtKernbase() {
        LoadedObject k = TestImages.kernel(16, 16);
        LoadedObject moved = new LoadedObject(new PreloadedFile("k", ModInfo.TYPE_KERNEL, Optional.empty(),
                K + 0x200000, 16, List.of()), k.chunks(), Optional.empty());
        assertThrows(BootSpecException.class, () -> BootImageBuilder.build(moved, K, List.of(),
                KernelEnvironment.empty(), 0, Optional.of(new byte[8]), new MemoryDescription.DeviceTreeMemory()));
    }
}
