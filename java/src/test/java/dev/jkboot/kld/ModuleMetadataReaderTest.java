package dev.jkboot.kld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.elf.ElfException;
import dev.jkboot.elf.ElfFile;
import dev.jkboot.elf.Relocation;
import dev.jkboot.freebsd.NativeFixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The metadata of the modules in native/testkernel/kmods, whose C sources (MODULE_VERSION,
 * MODULE_DEPEND, DECLARE_MODULE as FreeBSD's macros expand) say what must come out.
 */
class ModuleMetadataReaderTest {
    static byte[] kmod(String name) throws Exception {
        return Files.readAllBytes(NativeFixtures.kmod(name));
    }

    static ModuleMetadata read(String name) throws Exception {
        return ModuleMetadataReader.read(ElfFile.parse(name + ".ko", kmod(name))).orElseThrow();
    }

    @Test
    void versionDependencyAndDeclarationOfJkmain() throws Exception {
        ModuleMetadata md = read("jkmain");
        assertEquals(List.of(new ModuleVersion("jkmain", 1)), md.versions());
        assertEquals(List.of(new ModuleDependency("jkhelper", 1, 2, 3)), md.dependencies());
        assertEquals(List.of("jkmain"), md.declared());
    }

    @Test
    void twoModulesInOneFileComeOutNewestFirstAsTheLoaderListsThem() throws Exception {
        ModuleMetadata md = read("jkstack");
        // The compiler emits the records in its own order; the loader's lists are that order reversed.
        assertEquals(Set.of(new ModuleVersion("jkstack", 1), new ModuleVersion("jkstack_extra", 1)),
                Set.copyOf(md.versions()));
        assertEquals(List.of(md.versions().get(1), md.versions().get(0)), md.provided("/boot/kernel/jkstack.ko"));
        assertEquals(Set.of(new ModuleDependency("jkstack", 1, 1, 1), new ModuleDependency("jkmain", 1, 1, 1)),
                Set.copyOf(md.dependencies()));
        assertEquals(List.of(md.dependencies().get(1), md.dependencies().get(0)), md.dependenciesInLoadOrder());
    }

    @Test
    void aFileWithoutVersionsProvidesItsOwnName() {
        ModuleMetadata none = new ModuleMetadata(List.of(), List.of(), List.of());
        assertEquals(List.of(new ModuleVersion("if_bridge", 1)), none.provided("/boot/kernel/if_bridge.ko"));
        assertEquals(List.of(new ModuleVersion("kernel", 1)), none.provided("/boot/kernel/kernel"));
        assertEquals(List.of(new ModuleVersion("bad", 1)), none.provided("/boot/kernel/.ko"));
        assertEquals(List.of(new ModuleVersion("a.b", 1)), none.provided("a.b.ko"));
    }

    @Test
    void aKernelWithoutTheSetHasNoMetadata() throws Exception {
        assertEquals(Optional.empty(), ModuleMetadataReader.read(ElfFile.read(NativeFixtures.testKernel())));
    }

    @Test
    void everyMetadataPointerIsAnRelativeRelocationThatTheReaderFollows() throws Exception {
        // The link-time contents of the set are ignored in favour of the relocations: zero them all.
        byte[] bytes = kmod("jkmain");
        ElfFile elf = ElfFile.parse("jkmain.ko", bytes);
        for (Relocation r : elf.dynamicRelocations()) {
            assertEquals(Relocation.R_AARCH64_RELATIVE, r.type());
            long offset = fileOffset(elf, r.offset());
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong((int) offset, 0);
        }
        assertEquals(read("jkmain"), ModuleMetadataReader.read(ElfFile.parse("jkmain.ko", bytes)).orElseThrow());
    }

    @Test
    void aPointerRelocatedAgainstASymbolIsRefusedAsTheLoaderRefusesIt() throws Exception {
        byte[] bytes = kmod("jkmain");
        ElfFile elf = ElfFile.parse("jkmain.ko", bytes);
        long relaTable = elf.section(".rela.dyn").orElseThrow().offset();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) relaTable + 8, Relocation.R_AARCH64_ABS64);
        ElfException e = assertThrows(ElfException.class,
                () -> ModuleMetadataReader.read(ElfFile.parse("jkmain.ko", bytes)));
        assertTrue(e.getMessage().contains("has relocation type 257"), e.getMessage());
    }

    @Test
    void aSetBoundThatIsNotAWholePointerIsRefused() throws Exception {
        byte[] bytes = kmod("jkmain");
        ElfFile elf = ElfFile.parse("jkmain.ko", bytes);
        long stop = elf.dynamicSymbolTable().orElseThrow().find(ModuleMetadataReader.STOP).orElseThrow().value();
        patchSymbolValue(bytes, elf, ModuleMetadataReader.STOP, stop - 4);
        ElfException e = assertThrows(ElfException.class,
                () -> ModuleMetadataReader.read(ElfFile.parse("jkmain.ko", bytes)));
        assertTrue(e.getMessage().contains("do not bound a list of 8-byte pointers"), e.getMessage());
    }

    @Test
    void aRecordPointingOutsideTheImageIsRefused() throws Exception {
        byte[] bytes = kmod("jkmain");
        ElfFile elf = ElfFile.parse("jkmain.ko", bytes);
        long relaTable = elf.section(".rela.dyn").orElseThrow().offset();
        // Every relocation's addend far away: the set's first pointer leads nowhere.
        for (int i = 0; i < elf.dynamicRelocations().size(); i++) {
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong((int) relaTable + 24 * i + 16, 0x7fff_0000L);
        }
        assertThrows(ElfException.class, () -> ModuleMetadataReader.read(ElfFile.parse("jkmain.ko", bytes)));
    }

    private static long fileOffset(ElfFile elf, long vaddr) {
        return elf.loadSegments().stream().filter(p -> p.containsVaddr(vaddr, 8))
                .map(p -> p.offset() + vaddr - p.vaddr()).findFirst().orElseThrow();
    }

    private static void patchSymbolValue(byte[] bytes, ElfFile elf, String name, long value) throws Exception {
        var dynsym = elf.dynamicSymbolTable().orElseThrow();
        List<dev.jkboot.elf.ElfSymbol> symbols = dynsym.symbols();
        for (int i = 0; i < symbols.size(); i++) {
            if (symbols.get(i).name().equals(name)) {
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                        .putLong((int) (dynsym.section().offset() + 24L * i + 8), value);
                return;
            }
        }
        throw new AssertionError(name + " not in .dynsym");
    }
}
