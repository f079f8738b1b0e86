package dev.jkboot.freebsd;

import dev.jkboot.elf.ElfFile;
import dev.jkboot.elf.ElfHeader;
import dev.jkboot.elf.ProgramHeader;
import dev.jkboot.elf.SectionHeader;
import dev.jkboot.mem.Align;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Places a FreeBSD arm64 kernel or ELF module the way stand/common/load_elf.c does: PT_LOADs at
 * {@code p_vaddr + offset} (offset 0 for the kernel, the load address for an ET_DYN module),
 * zero-filled to {@code p_memsz}; the symbol and string tables appended when no PT_LOAD already
 * holds them; and the ELF records (ELFHDR, DYNAMIC, ESYM, SSYM, CTORS, SHDR) FreeBSD's loader emits.
 */
public final class ElfObjectLoader {
    private ElfObjectLoader() {}

    /** A kernel and where it starts. */
    public record Kernel(LoadedObject object, long entryVa) {}

    public static Kernel kernel(ElfFile elf) throws BootSpecException {
        ElfHeader h = elf.header();
        requireAarch64(elf, "kernel");
        if (h.type() != ElfHeader.ET_EXEC) {
            throw new BootSpecException("%s is an ELF %s, not a kernel (ET_EXEC)".formatted(elf.name(), h.typeName()),
                    h.type() == ElfHeader.ET_DYN ? "load it as a module with --module" : "pass a FreeBSD arm64 kernel");
        }
        if ((h.entry() & ~0xfffL) == 0 || elf.loadSegments().isEmpty()) {
            throw new BootSpecException(elf.name() + " has no entry point or nothing to load: not a kernel",
                    "pass a FreeBSD arm64 kernel (/boot/kernel/kernel)");
        }
        boolean entryInside = false;
        for (ProgramHeader p : elf.loadSegments()) {
            entryInside |= h.entry() >= p.vaddr() && h.entry() < p.vaddr() + p.memsz();
        }
        if (!entryInside) {
            throw new BootSpecException("%s: entry point 0x%x lies in no PT_LOAD".formatted(elf.name(), h.entry()),
                    "the kernel file is damaged; rebuild or re-copy it");
        }
        return new Kernel(place(elf, 0, ModInfo.TYPE_KERNEL, Optional.empty()), h.entry());
    }

    /** An ET_DYN kernel module ("elf module"), placed at the address the builder gives it. */
    public static Loadable module(ElfFile elf, Optional<String> args) throws BootSpecException {
        requireAarch64(elf, "module");
        int type = elf.header().type();
        if (type == ElfHeader.ET_REL) {
            throw new BootSpecException(elf.name() + " is a relocatable object (ET_REL, \"elf obj module\"): FreeBSD "
                    + "arm64 modules are shared objects (ET_DYN) and the arm64 kernel links only those",
                    "use the module built for FreeBSD arm64 (/boot/kernel/*.ko of an arm64 install)");
        }
        if (type != ElfHeader.ET_DYN) {
            throw new BootSpecException("%s is an ELF %s, not a kernel module".formatted(elf.name(),
                    elf.header().typeName()), type == ElfHeader.ET_EXEC ? "a kernel goes in --kernel" : "");
        }
        // An anonymous class, not a lambda: a lambda call site costs milliseconds at start-up under
        // emulation (issue 12), a class a fraction of one.
        return new Loadable() {
            @Override
            public LoadedObject loadAt(long va) throws BootSpecException {
                return place(elf, va, ModInfo.TYPE_MODULE, args);
            }
        };
    }

    private static void requireAarch64(ElfFile elf, String role) throws BootSpecException {
        int machine = elf.header().machine();
        if (machine == ElfHeader.EM_X86_64) {
            throw new BootSpecException(elf.name() + " is an amd64 " + role + "; booting amd64 FreeBSD is not "
                    + "supported yet (jkboot boots arm64)", "use the arm64 " + role + " (from a FreeBSD/arm64 install)");
        }
        if (machine != ElfHeader.EM_AARCH64) {
            throw new BootSpecException("%s is a %s %s, not arm64 (aarch64)".formatted(elf.name(),
                    elf.header().machineName(), role), "use the arm64 " + role);
        }
    }

    private static LoadedObject place(ElfFile elf, long offset, String fileType, Optional<String> args)
            throws BootSpecException {
        List<ImageChunk> chunks = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (ProgramHeader p : elf.loadSegments()) {
            long va = p.vaddr() + offset;
            chunks.add(new ImageChunk(elf.name(), va, elf.segmentBytes(p), p.memsz()));
            first = Math.min(first, va);
            last = Math.max(last, va + p.memsz());
        }
        if (chunks.isEmpty()) {
            throw new BootSpecException(elf.name() + " has no PT_LOAD segment", "the file is damaged or not a module");
        }
        long end = Align.up(last, 8);

        List<MetadataRecord> md = new ArrayList<>();
        md.add(new MetadataRecord(ModInfo.MD_ELFHDR, elf.header().bytes()));
        Optional<ProgramHeader> dynamic = elf.dynamicSegment();
        if (dynamic.isPresent()) {
            md.add(MetadataRecord.u64(ModInfo.MD_DYNAMIC, dynamic.get().vaddr()));
        }

        Optional<BootImage.SymbolArea> symbols = Optional.empty();
        Optional<AppendedSymbols> appended = appendedSymbols(elf);
        if (appended.isPresent()) {
            long ssym = end;
            end = appendSized(chunks, elf.name() + " symbols", end, elf.sectionBytes(appended.get().symtab()));
            end = appendSized(chunks, elf.name() + " symbols", end, elf.sectionBytes(appended.get().strtab()));
            symbols = Optional.of(new BootImage.SymbolArea(ssym, end));
            md.add(MetadataRecord.u64(ModInfo.MD_ESYM, end));
            md.add(MetadataRecord.u64(ModInfo.MD_SSYM, ssym));
        }
        Optional<SectionHeader> ctors = elf.section(".ctors");
        if (ctors.isPresent()) {
            md.add(MetadataRecord.u64(ModInfo.MD_CTORS_SIZE, ctors.get().size()));
            md.add(MetadataRecord.u64(ModInfo.MD_CTORS_ADDR, ctors.get().addr()));
        }
        ByteBuffer shdr = elf.sectionHeaderTable();
        if (shdr.hasRemaining()) {
            byte[] table = new byte[shdr.remaining()];
            shdr.duplicate().get(table);
            md.add(new MetadataRecord(ModInfo.MD_SHDR, table));
        }
        PreloadedFile file = new PreloadedFile(elf.name(), fileType, args, first, end - first, md);
        return new LoadedObject(file, chunks, symbols);
    }

    /** The symbol table load_elf.c appends after the image, with its string table. */
    public record AppendedSymbols(SectionHeader symtab, SectionHeader strtab) {}

    /**
     * The SHT_SYMTAB load_elf.c appends after the loaded image (the last one not already inside a
     * PT_LOAD) and its string table; empty when there is none.
     */
    public static Optional<AppendedSymbols> appendedSymbols(ElfFile elf) throws BootSpecException {
        Optional<SectionHeader> symtab = Optional.empty();
        for (SectionHeader s : elf.sections()) {
            if (s.type() == SectionHeader.SHT_SYMTAB && s.size() > 0 && !elf.isInsideLoadSegment(s)) {
                symtab = Optional.of(s); // load_elf.c keeps the last one it finds
            }
        }
        if (symtab.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AppendedSymbols(symtab.get(), stringTableOf(elf, symtab.get())));
    }

    private static SectionHeader stringTableOf(ElfFile elf, SectionHeader symtab) throws BootSpecException {
        List<SectionHeader> all = elf.sections();
        if (symtab.link() <= 0 || symtab.link() >= all.size()
                || all.get(symtab.link()).type() != SectionHeader.SHT_STRTAB) {
            throw new BootSpecException("%s: the symbol table's string table (section %d) is missing or not a "
                    .formatted(elf.name(), symtab.link()) + "string table", "the file is damaged; re-copy it");
        }
        return all.get(symtab.link());
    }

    /** {@code u64 size}, the bytes, zero padding to 8: how load_elf.c appends each symbol table. */
    private static long appendSized(List<ImageChunk> chunks, String what, long va, ByteBuffer bytes) {
        byte[] size = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(bytes.remaining()).array();
        chunks.add(ImageChunk.of(what, va, size));
        chunks.add(new ImageChunk(what, va + 8, bytes, bytes.remaining()));
        return Align.up(va + 8 + bytes.remaining(), 8);
    }
}
