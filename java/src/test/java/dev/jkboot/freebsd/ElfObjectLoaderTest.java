package dev.jkboot.freebsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.elf.ElfFile;
import dev.jkboot.elf.SectionHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ElfObjectLoaderTest {
    private static byte[] bytesOf(ImageChunk c) {
        byte[] b = new byte[c.data().remaining()];
        c.data().duplicate().get(b);
        return b;
    }

    private static MetadataRecord record(LoadedObject o, int type) {
        return o.file().metadata().stream().filter(r -> r.type() == type).findFirst().orElseThrow();
    }

    private static long u64(MetadataRecord r) {
        return ByteBuffer.wrap(r.data()).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void placesTheTestKernelAtItsLinkAddressesWithSymbolsAppended() throws Exception {
        Path path = NativeFixtures.testKernel();
        byte[] file = Files.readAllBytes(path);
        ElfFile elf = ElfFile.parse(path.toString(), file);
        ElfObjectLoader.Kernel k = ElfObjectLoader.kernel(elf);
        LoadedObject o = k.object();
        assertEquals(Arm64.KERNBASE, o.file().address());
        assertEquals(elf.header().entry(), k.entryVa());
        assertEquals(ModInfo.TYPE_KERNEL, o.file().type());
        assertArrayEquals(Arrays.copyOf(file, 64), record(o, ModInfo.MD_ELFHDR).data(), "ELFHDR is the raw header");
        assertEquals(elf.dynamicSegment().orElseThrow().vaddr(), u64(record(o, ModInfo.MD_DYNAMIC)));

        SectionHeader symtab = elf.section(".symtab").orElseThrow();
        SectionHeader strtab = elf.section(".strtab").orElseThrow();
        long lastLoad = elf.loadSegments().stream().mapToLong(p -> p.vaddr() + p.memsz()).max().orElseThrow();
        long ssym = (lastLoad + 7) & ~7L;
        assertEquals(ssym, u64(record(o, ModInfo.MD_SSYM)));
        long strAt = ((ssym + 8 + symtab.size() + 7) & ~7L);
        long esym = (strAt + 8 + strtab.size() + 7) & ~7L;
        assertEquals(esym, u64(record(o, ModInfo.MD_ESYM)));
        assertEquals(esym - Arm64.KERNBASE, o.file().size(), "MODINFO_SIZE runs to the end of the symbols");
        ImageChunk symSize = o.chunks().stream().filter(c -> c.va() == ssym).findFirst().orElseThrow();
        assertEquals(symtab.size(), ByteBuffer.wrap(bytesOf(symSize)).order(ByteOrder.LITTLE_ENDIAN).getLong());
        ImageChunk strings = o.chunks().stream().filter(c -> c.va() == strAt + 8).findFirst().orElseThrow();
        assertArrayEquals(Arrays.copyOfRange(file, (int) strtab.offset(), (int) (strtab.offset() + strtab.size())),
                bytesOf(strings));
        assertEquals(elf.header().shnum() * 64, record(o, ModInfo.MD_SHDR).size());
        assertEquals(java.util.List.of(ModInfo.MD_ELFHDR, ModInfo.MD_DYNAMIC, ModInfo.MD_ESYM, ModInfo.MD_SSYM,
                ModInfo.MD_SHDR), o.file().metadata().stream().map(MetadataRecord::type).toList());
    }

    @Test
    void placesTheTestModuleAtTheGivenAddressWithItsDynamicUnrelocated() throws Exception {
        ElfFile elf = ElfFile.read(NativeFixtures.testModule());
        long at = Arm64.KERNBASE + 0x20000;
        LoadedObject o = ElfObjectLoader.module(elf, Optional.of("x=1")).loadAt(at);
        assertEquals(ModInfo.TYPE_MODULE, o.file().type());
        assertEquals(at, o.file().address());
        assertEquals(Optional.of("x=1"), o.file().args());
        long firstVaddr = elf.loadSegments().get(0).vaddr();
        assertEquals(at + firstVaddr, o.chunks().get(0).va());
        assertEquals(elf.dynamicSegment().orElseThrow().vaddr(), u64(record(o, ModInfo.MD_DYNAMIC)),
                "load_elf.c stores the module's PT_DYNAMIC p_vaddr without the load offset");
        assertTrue(u64(record(o, ModInfo.MD_SSYM)) >= at);
    }

    @Test
    void refusesAKernelGivenAsAModuleAndTheOtherWayRound() throws Exception {
        ElfFile kernel = ElfFile.read(NativeFixtures.testKernel());
        ElfFile module = ElfFile.read(NativeFixtures.testModule());
        BootSpecException e = assertThrows(BootSpecException.class, () -> ElfObjectLoader.module(kernel, Optional.empty()));
        assertTrue(e.fix().contains("--kernel"), e.fix());
        e = assertThrows(BootSpecException.class, () -> ElfObjectLoader.kernel(module));
        assertTrue(e.fix().contains("--module"), e.fix());
    }

    @Test
    void refusesAmd64BinariesWithANotYetMessage() throws Exception {
        Path host = Path.of("/bin/true");
        BootSpecException e = assertThrows(BootSpecException.class,
                () -> ElfObjectLoader.module(ElfFile.read(host), Optional.empty()));
        assertTrue(e.getMessage().contains("amd64") && e.getMessage().contains("not supported yet"), e.getMessage());
    }
}
