package dev.jkboot.kld;

import dev.jkboot.elf.ElfException;
import dev.jkboot.elf.ElfFile;
import dev.jkboot.elf.ElfHeader;
import dev.jkboot.elf.ElfSymbol;
import dev.jkboot.elf.Relocation;
import dev.jkboot.elf.SymbolTable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code set_modmetadata_set} as load_elf.c's loadimage and parse_modmetadata do: the set's
 * bounds are the dynamic symbols {@code __start_set_modmetadata_set} and
 * {@code __stop_set_modmetadata_set} (defined, non-zero, STT_NOTYPE); each 8-byte entry points at
 * a {@code struct mod_metadata} {int md_version; int md_type; void *md_data; char *md_cval}
 * (24 bytes), whose pointers lead to the module name and to a {@code struct mod_depend} (three
 * ints) or {@code struct mod_version} (one int).
 *
 * <p>A kernel (ET_EXEC) is linked where it runs, so its pointers are used as they are. An ET_DYN
 * module is linked at 0 and its pointers are only made real by its dynamic relocations: as the
 * loader's reloc_ptr does, an R_AARCH64_RELATIVE relocation on a pointer gives it its addend, and
 * any other relocation there (an ABS64 against a symbol, which the loader cannot resolve) makes
 * the metadata unreadable. Everything is read in the file's own link addresses.
 */
public final class ModuleMetadataReader {
    static final String START = "__start_set_modmetadata_set";
    static final String STOP = "__stop_set_modmetadata_set";
    static final int MDT_DEPEND = 1;
    static final int MDT_MODULE = 2;
    static final int MDT_VERSION = 3;
    private static final int METADATA_SIZE = 24;
    private static final int DEPEND_SIZE = 12;

    private final ElfFile elf;
    private final boolean kernel;
    private final Map<Long, Relocation> relocations;

    private ModuleMetadataReader(ElfFile elf, boolean kernel, Map<Long, Relocation> relocations) {
        this.elf = elf;
        this.kernel = kernel;
        this.relocations = relocations;
    }

    /**
     * The file's metadata; empty when it has none to find (no dynamic symbol table or no set),
     * as a file linked without module macros has.
     *
     * @throws ElfException when the set or a record it points at is damaged
     */
    public static Optional<ModuleMetadata> read(ElfFile elf) throws ElfException {
        boolean kernel = elf.header().type() == ElfHeader.ET_EXEC;
        Optional<SymbolTable> dynsym = elf.dynamicSymbolTable();
        if (dynsym.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> start = bound(dynsym.get(), START);
        Optional<Long> stop = bound(dynsym.get(), STOP);
        if (start.isEmpty() || stop.isEmpty()) {
            return Optional.empty();
        }
        long size = stop.get() - start.get();
        if (Long.compareUnsigned(stop.get(), start.get()) < 0 || size % 8 != 0) {
            throw damaged(elf, "%s 0x%x and %s 0x%x do not bound a list of 8-byte pointers"
                    .formatted(START, start.get(), STOP, stop.get()));
        }
        Map<Long, Relocation> byOffset = new HashMap<>();
        if (!kernel) {
            for (Relocation r : elf.dynamicRelocations()) {
                byOffset.putIfAbsent(r.offset(), r);
            }
        }
        return Optional.of(new ModuleMetadataReader(elf, kernel, byOffset).entries(start.get(), size / 8));
    }

    private static Optional<Long> bound(SymbolTable symbols, String name) {
        // An if, not Optional.filter/map lambdas: each lambda call site costs milliseconds at start-up
        // under emulation (issue 12).
        Optional<ElfSymbol> s = symbols.find(name);
        if (s.isPresent() && s.get().isDefined() && s.get().value() != 0 && s.get().type() == ElfSymbol.STT_NOTYPE) {
            return Optional.of(s.get().value());
        }
        return Optional.empty();
    }

    private ModuleMetadata entries(long start, long count) throws ElfException {
        List<ModuleVersion> versions = new ArrayList<>();
        List<ModuleDependency> dependencies = new ArrayList<>();
        List<String> declared = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long entry = pointer(start + 8 * i);
            ByteBuffer md = elf.bytesAtVaddr(entry, METADATA_SIZE);
            int type = md.getInt(4);
            long data = pointer(entry + 8);
            long cval = pointer(entry + 16);
            switch (type) {
                case MDT_DEPEND -> {
                    if (!kernel) { // load_elf.c: the kernel must not depend on anything
                        ByteBuffer d = elf.bytesAtVaddr(data, DEPEND_SIZE);
                        dependencies.add(new ModuleDependency(name(cval, entry), d.getInt(0), d.getInt(4), d.getInt(8)));
                    }
                }
                case MDT_VERSION -> versions.add(new ModuleVersion(name(cval, entry), elf.bytesAtVaddr(data, 4).getInt(0)));
                case MDT_MODULE -> declared.add(name(cval, entry));
                default -> { } // MDT_PNP_INFO and anything newer: not the loader's business
            }
        }
        return new ModuleMetadata(versions, dependencies, declared);
    }

    /** The 8-byte pointer stored at {@code vaddr}, relocated as reloc_ptr does. */
    private long pointer(long vaddr) throws ElfException {
        Relocation r = relocations.get(vaddr);
        if (r == null) {
            return elf.bytesAtVaddr(vaddr, 8).getLong(0);
        }
        if (r.type() != Relocation.R_AARCH64_RELATIVE) {
            throw damaged(elf, "the module metadata pointer at 0x%x has relocation type %d; FreeBSD's loader "
                    .formatted(vaddr, r.type()) + "follows only R_AARCH64_RELATIVE ones");
        }
        return r.addend();
    }

    private String name(long vaddr, long entry) throws ElfException {
        String name = elf.stringAtVaddr(vaddr);
        if (name.isEmpty()) {
            throw damaged(elf, "the module metadata record at 0x%x has an empty module name".formatted(entry));
        }
        return name;
    }

    private static ElfException damaged(ElfFile elf, String what) {
        return new ElfException(elf.name() + ": " + what, "the module file is damaged; re-copy it from a FreeBSD install");
    }
}
