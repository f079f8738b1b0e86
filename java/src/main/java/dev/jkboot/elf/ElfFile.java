package dev.jkboot.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A parsed, checked little-endian ELF64 file: kernel (ET_EXEC), module (ET_DYN or ET_REL) or any
 * other object.
 *
 * <p>Parsing checks the header, both header tables and every segment and section file range, so
 * the accessors that cannot meet new input never fail. Those that read further structures
 * (symbol tables, the dynamic section, relocations, virtual addresses) check them when asked and
 * report problems as {@link ElfException}s. The file's bytes are not copied: byte views are
 * read-only little-endian slices of the array given to {@link #parse}, which must not change
 * afterwards.
 */
public final class ElfFile {
    /** The largest file a Java array can hold. */
    private static final long MAX_FILE_SIZE = Integer.MAX_VALUE - 8;

    private final FileBytes file;
    private final ElfHeader header;
    private final List<ProgramHeader> programHeaders;
    private final List<SectionHeader> sections;

    private ElfFile(FileBytes file, ElfHeader header, List<ProgramHeader> programHeaders,
            List<SectionHeader> sections) {
        this.file = file;
        this.header = header;
        this.programHeaders = programHeaders;
        this.sections = sections;
    }

    /** Parses {@code bytes}, the whole file; {@code name} (usually its path) appears in every error. */
    public static ElfFile parse(String name, byte[] bytes) throws ElfException {
        FileBytes file = new FileBytes(name, bytes);
        ElfHeader header = ElfHeader.read(file);
        long sectionCount = sectionCount(file, header);
        long segmentCount = programHeaderCount(file, header, sectionCount);
        List<SectionHeader> sections = readSections(file, header, sectionCount);
        List<ProgramHeader> segments = readProgramHeaders(file, header, segmentCount);
        return new ElfFile(file, header, segments, sections);
    }

    /** Reads and parses the file at {@code path}. */
    public static ElfFile read(Path path) throws ElfException {
        byte[] bytes;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new ElfException("cannot read %s: it is a %s, not a file".formatted(path,
                        attributes.isDirectory() ? "directory" : "device or other special file"),
                        "give the path of the kernel or module file itself, e.g. /boot/kernel/kernel");
            }
            long size = attributes.size();
            if (size > MAX_FILE_SIZE) {
                throw new ElfException("%s is %d bytes, more than the 2 GiB jkboot can read".formatted(path, size),
                        "is this a FreeBSD kernel or module? Those are tens of megabytes at most");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file"
                    : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
            throw new ElfException("cannot read %s: %s".formatted(path, why),
                    "check that the path names a readable kernel or module file", e);
        }
        return parse(path.toString(), bytes);
    }

    /** The display name given to {@link #parse}. */
    public String name() {
        return file.name();
    }

    public ElfHeader header() {
        return header;
    }

    /** All program headers in file order; the count is the resolved one (PN_XNUM handled). */
    public List<ProgramHeader> programHeaders() {
        return programHeaders;
    }

    /** The PT_LOAD program headers in file order; they never overlap in virtual memory. */
    public List<ProgramHeader> loadSegments() {
        List<ProgramHeader> loads = new ArrayList<>();
        for (ProgramHeader p : programHeaders) {
            if (p.isLoad()) {
                loads.add(p);
            }
        }
        return List.copyOf(loads);
    }

    /** All section headers by index, including the null section 0; empty if the file has none. */
    public List<SectionHeader> sections() {
        return sections;
    }

    /** The first section called {@code name}. */
    public Optional<SectionHeader> section(String name) {
        for (SectionHeader s : sections) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The section header table exactly as in the file (for MODINFOMD_SHDR); empty if there is none. */
    public ByteBuffer sectionHeaderTable() {
        return file.slice(sections.isEmpty() ? 0 : header.shoff(), (long) sections.size() * SectionHeader.SIZE);
    }

    /** The bytes of one of this file's sections (empty for SHT_NOBITS and SHT_NULL); no copy. */
    public ByteBuffer sectionBytes(SectionHeader section) {
        if (!section.hasFileBytes()) {
            return file.slice(0, 0);
        }
        return ownSlice(section.offset(), section.size(), section.describe());
    }

    /** The bytes a segment takes from the file ({@code p_filesz} of them); no copy. */
    public ByteBuffer segmentBytes(ProgramHeader segment) {
        return ownSlice(segment.offset(), segment.filesz(), segment.typeName() + " segment");
    }

    /**
     * Whether the section's file bytes lie wholly inside a PT_LOAD's file bytes, i.e. get loaded
     * with the image anyway (FreeBSD loads the symbol table separately only when they do not).
     */
    public boolean isInsideLoadSegment(SectionHeader section) {
        if (section.hasFileBytes()) {
            for (ProgramHeader p : programHeaders) {
                if (p.isLoad() && p.containsFileRange(section.offset(), section.size())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The SHT_SYMTAB section (.symtab) with its string table, checked; empty if stripped. */
    public Optional<SymbolTable> symbolTable() throws ElfException {
        return symbolTableOfType(SectionHeader.SHT_SYMTAB, "SHT_SYMTAB");
    }

    /** The SHT_DYNSYM section (.dynsym) with its string table, checked; empty if there is none. */
    public Optional<SymbolTable> dynamicSymbolTable() throws ElfException {
        return symbolTableOfType(SectionHeader.SHT_DYNSYM, "SHT_DYNSYM");
    }

    public Optional<ProgramHeader> dynamicSegment() {
        return segmentOfType(ProgramHeader.PT_DYNAMIC);
    }

    /** The entries of the PT_DYNAMIC segment up to (not including) DT_NULL; empty without one. */
    public List<DynamicEntry> dynamicEntries() throws ElfException {
        Optional<ProgramHeader> dynamic = dynamicSegment();
        if (dynamic.isEmpty()) {
            return List.of();
        }
        ProgramHeader p = dynamic.get();
        if (p.filesz() % DynamicEntry.SIZE != 0) {
            throw file.damaged("PT_DYNAMIC segment at offset 0x%x is 0x%x bytes, not a whole number of 16-byte entries"
                    .formatted(p.offset(), p.filesz()));
        }
        List<DynamicEntry> entries = new ArrayList<>();
        for (long at = p.offset(); at < p.offset() + p.filesz(); at += DynamicEntry.SIZE) {
            DynamicEntry entry = DynamicEntry.read(file, at);
            if (entry.tag() == DynamicEntry.DT_NULL) {
                return entries;
            }
            entries.add(entry);
        }
        throw file.damaged("PT_DYNAMIC segment at offset 0x%x has no DT_NULL entry to end it".formatted(p.offset()));
    }

    /** The program interpreter path of PT_INTERP (dynamically linked programs); empty without one. */
    public Optional<String> interpreter() throws ElfException {
        Optional<ProgramHeader> interp = segmentOfType(ProgramHeader.PT_INTERP);
        if (interp.isEmpty()) {
            return Optional.empty();
        }
        ProgramHeader p = interp.get();
        long end = p.offset() + p.filesz();
        if (file.indexOfNul(p.offset(), end) == end) {
            throw file.damaged("PT_INTERP segment at offset 0x%x (0x%x bytes) holds no NUL-terminated path"
                    .formatted(p.offset(), p.filesz()));
        }
        return Optional.of(file.cString(p.offset(), end));
    }

    /**
     * The {@code length} bytes at virtual address {@code vaddr} of the loaded image: file bytes of
     * the PT_LOAD that holds them, zeros where they fall in its zero-filled (bss) part. A slice
     * when they are all file bytes, else a copy.
     */
    public ByteBuffer bytesAtVaddr(long vaddr, int length) throws ElfException {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        ProgramHeader p = loadSegmentHolding(vaddr, length);
        long into = vaddr - p.vaddr();
        if (Long.compareUnsigned(into + length, p.filesz()) <= 0) {
            return file.slice(p.offset() + into, length);
        }
        byte[] out = new byte[length];
        if (Long.compareUnsigned(into, p.filesz()) < 0) {
            file.slice(p.offset() + into, p.filesz() - into).get(out, 0, (int) (p.filesz() - into));
        }
        return ByteBuffer.wrap(out).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The NUL-terminated string at virtual address {@code vaddr} of the loaded image (a module's
     * name in its metadata, say); it may end in the segment's zero-filled part.
     */
    public String stringAtVaddr(long vaddr) throws ElfException {
        ProgramHeader p = loadSegmentHolding(vaddr, 1);
        long into = vaddr - p.vaddr();
        if (Long.compareUnsigned(into, p.filesz()) >= 0) {
            return "";
        }
        long end = p.offset() + p.filesz();
        if (file.indexOfNul(p.offset() + into, end) == end && p.filesz() == p.memsz()) {
            throw file.damaged("the string at virtual address 0x%x runs past the end of its PT_LOAD segment at 0x%x"
                    .formatted(vaddr, p.vaddr()));
        }
        return file.cString(p.offset() + into, end);
    }

    /**
     * The relocations that DT_RELA, DT_RELASZ and DT_RELAENT of the dynamic section point at (an
     * ET_DYN module's .rela.dyn), read through the PT_LOAD holding them; empty without DT_RELA.
     * PLT relocations (DT_JMPREL) are not included.
     */
    public List<Relocation> dynamicRelocations() throws ElfException {
        List<DynamicEntry> dynamic = dynamicEntries();
        Optional<Long> table = dynamicValue(dynamic, DynamicEntry.DT_RELA);
        if (table.isEmpty()) {
            return List.of();
        }
        Optional<Long> relaSize = dynamicValue(dynamic, DynamicEntry.DT_RELASZ);
        if (relaSize.isEmpty()) {
            throw file.damaged("the dynamic section has DT_RELA but no DT_RELASZ giving its size");
        }
        Optional<Long> relaEntrySize = dynamicValue(dynamic, DynamicEntry.DT_RELAENT);
        if (relaEntrySize.isEmpty()) {
            throw file.damaged("the dynamic section has DT_RELA but no DT_RELAENT giving its entry size");
        }
        long size = relaSize.get();
        long entrySize = relaEntrySize.get();
        if (entrySize != Relocation.SIZE) {
            throw file.damaged("the dynamic section's DT_RELAENT is %d; ELF64 Rela entries are 24 bytes"
                    .formatted(entrySize));
        }
        ProgramHeader p = loadSegmentHolding(table.get(), size);
        long into = table.get() - p.vaddr();
        if (Long.compareUnsigned(into + size, p.filesz()) > 0) {
            throw file.damaged("DT_RELA table at 0x%x (0x%x bytes) is not all in the file bytes of its PT_LOAD segment at 0x%x"
                    .formatted(table.get(), size, p.vaddr()));
        }
        return readRelocations(p.offset() + into, size, "DT_RELA table at 0x" + Long.toHexString(table.get()));
    }

    /** The relocations of one SHT_RELA section of this file (ET_REL objects carry one per section). */
    public List<Relocation> relocations(SectionHeader relaSection) throws ElfException {
        if (relaSection.type() != SectionHeader.SHT_RELA) {
            throw new IllegalArgumentException(relaSection.describe() + " is not an SHT_RELA section");
        }
        if (relaSection.entsize() != Relocation.SIZE) {
            throw file.damaged("%s has sh_entsize %d; ELF64 Rela entries are 24 bytes"
                    .formatted(relaSection.describe(), relaSection.entsize()));
        }
        ownSlice(relaSection.offset(), relaSection.size(), relaSection.describe());
        return readRelocations(relaSection.offset(), relaSection.size(), relaSection.describe());
    }

    @Override
    public String toString() {
        return "ElfFile[%s, %s, %s, %d program headers, %d sections]".formatted(
                name(), header.typeName(), header.machineName(), programHeaders.size(), sections.size());
    }

    private List<Relocation> readRelocations(long offset, long size, String what) throws ElfException {
        if (size % Relocation.SIZE != 0) {
            throw file.damaged("%s is 0x%x bytes, not a whole number of 24-byte Rela entries".formatted(what, size));
        }
        List<Relocation> relocations = new ArrayList<>((int) (size / Relocation.SIZE));
        for (long at = offset; at < offset + size; at += Relocation.SIZE) {
            relocations.add(Relocation.read(file, at));
        }
        return relocations;
    }

    private ProgramHeader loadSegmentHolding(long vaddr, long length) throws ElfException {
        for (ProgramHeader p : programHeaders) {
            if (p.isLoad() && p.containsVaddr(vaddr, length)) {
                return p;
            }
        }
        throw file.damaged("no PT_LOAD segment holds the 0x%x bytes at virtual address 0x%x".formatted(length, vaddr));
    }

    private static Optional<Long> dynamicValue(List<DynamicEntry> entries, long tag) {
        for (DynamicEntry e : entries) {
            if (e.tag() == tag) {
                return Optional.of(e.value());
            }
        }
        return Optional.empty();
    }

    private Optional<ProgramHeader> segmentOfType(int type) {
        for (ProgramHeader p : programHeaders) {
            if (p.type() == type) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private Optional<SymbolTable> symbolTableOfType(int type, String typeName) throws ElfException {
        List<SectionHeader> tables = new ArrayList<>();
        for (SectionHeader s : sections) {
            if (s.type() == type) {
                tables.add(s);
            }
        }
        if (tables.size() > 1) {
            throw file.damaged("%s and %s are both %s sections; ELF allows one"
                    .formatted(tables.get(0).describe(), tables.get(1).describe(), typeName));
        }
        if (tables.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SymbolTable.open(file, sections, tables.get(0)));
    }

    /** A slice of a range this file's parse already checked; anything else is a caller's mistake. */
    private ByteBuffer ownSlice(long offset, long size, String what) {
        if (!file.contains(offset, size)) {
            throw new IllegalArgumentException(what + " does not belong to " + name());
        }
        return file.slice(offset, size);
    }

    /** The number of section headers: e_shnum, or section 0's sh_size when e_shnum is 0 (extended). */
    private static long sectionCount(FileBytes file, ElfHeader header) throws ElfException {
        long shoff = header.shoff();
        if (shoff == 0) {
            if (header.shnum() != 0) {
                throw file.damaged("e_shnum is %d but e_shoff is 0, so the section headers are nowhere"
                        .formatted(header.shnum()));
            }
            return 0;
        }
        if (header.shentsize() != SectionHeader.SIZE) {
            throw file.damaged("e_shentsize is %d at offset 58 (expected 64 for ELF64)".formatted(header.shentsize()));
        }
        if (Long.compareUnsigned(shoff, ElfHeader.SIZE) < 0) {
            throw file.damaged("e_shoff 0x%x puts the section header table inside the ELF header".formatted(shoff));
        }
        file.require(shoff, SectionHeader.SIZE, "section header 0 (at e_shoff)");
        long count = header.shnum() != 0 ? header.shnum() : file.u64(shoff + 32);
        if (count == 0) {
            throw file.damaged("e_shoff is 0x%x but e_shnum and section 0's sh_size (the extended count) are both 0"
                    .formatted(shoff));
        }
        if (Long.compareUnsigned(count, file.length() / SectionHeader.SIZE) > 0) {
            throw file.damaged("the section header table (%s entries of 64 bytes at offset 0x%x) cannot fit in the file (0x%x bytes)"
                    .formatted(Long.toUnsignedString(count), shoff, file.length()));
        }
        file.require(shoff, count * SectionHeader.SIZE,
                "the section header table (" + count + " entries of 64 bytes)");
        return count;
    }

    /** The number of program headers: e_phnum, or section 0's sh_info when e_phnum is PN_XNUM. */
    private static long programHeaderCount(FileBytes file, ElfHeader header, long sectionCount) throws ElfException {
        if (header.phnum() == ElfHeader.PN_XNUM && sectionCount == 0) {
            throw file.damaged("e_phnum is PN_XNUM (0xffff), which puts the real count in section header 0,"
                    + " but the file has no section headers");
        }
        long count = header.phnum() == ElfHeader.PN_XNUM
                ? Integer.toUnsignedLong(file.u32(header.shoff() + 44))
                : header.phnum();
        if (count == 0) {
            return 0;
        }
        if (header.phentsize() != ProgramHeader.SIZE) {
            throw file.damaged("e_phentsize is %d at offset 54 (expected 56 for ELF64)".formatted(header.phentsize()));
        }
        if (Long.compareUnsigned(header.phoff(), ElfHeader.SIZE) < 0) {
            throw file.damaged("e_phoff 0x%x puts the program header table inside the ELF header".formatted(header.phoff()));
        }
        file.require(header.phoff(), count * ProgramHeader.SIZE,
                "the program header table (" + count + " entries of 56 bytes)");
        return count;
    }

    private static List<SectionHeader> readSections(FileBytes file, ElfHeader header, long count) throws ElfException {
        long namesIndex = sectionNamesIndex(file, header, count);
        long namesOffset = 0;
        long namesSize = 0;
        if (namesIndex != SectionHeader.SHN_UNDEF) {
            long entry = header.shoff() + namesIndex * SectionHeader.SIZE;
            int type = file.u32(entry + 4);
            if (type != SectionHeader.SHT_STRTAB) {
                throw file.damaged("e_shstrndx names section %d, of type %d, which is not a string table (SHT_STRTAB)"
                        .formatted(namesIndex, type));
            }
            namesOffset = file.u64(entry + 24);
            namesSize = file.u64(entry + 32);
            file.require(namesOffset, namesSize, "the section name string table (section " + namesIndex + ")");
        }
        List<SectionHeader> sections = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long entry = header.shoff() + (long) i * SectionHeader.SIZE;
            int index = i;
            String name = namesIndex == SectionHeader.SHN_UNDEF ? ""
                    : file.string(namesOffset, namesSize, SectionHeader.nameOffset(file, entry), "section " + index);
            SectionHeader section = SectionHeader.read(file, entry, i, name);
            if (section.hasFileBytes()) {
                file.require(section.offset(), section.size(), section.describe());
            }
            sections.add(section);
        }
        return List.copyOf(sections);
    }

    /** e_shstrndx, or section 0's sh_link when it is SHN_XINDEX; SHN_UNDEF when sections are unnamed. */
    private static long sectionNamesIndex(FileBytes file, ElfHeader header, long sectionCount) throws ElfException {
        long index = header.shstrndx();
        if (index == SectionHeader.SHN_XINDEX) {
            if (sectionCount == 0) {
                throw file.damaged("e_shstrndx is SHN_XINDEX (0xffff), which puts the real index in section header 0,"
                        + " but the file has no section headers");
            }
            index = Integer.toUnsignedLong(file.u32(header.shoff() + 40));
        } else if (index >= SectionHeader.SHN_LORESERVE) {
            throw file.damaged("e_shstrndx is 0x%x, a reserved section index, not a section".formatted(index));
        }
        if (index != SectionHeader.SHN_UNDEF && index >= sectionCount) {
            throw file.damaged("e_shstrndx names section %d for the section names, but there are only %d sections"
                    .formatted(index, sectionCount));
        }
        return index;
    }

    private static List<ProgramHeader> readProgramHeaders(FileBytes file, ElfHeader header, long count)
            throws ElfException {
        List<ProgramHeader> segments = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            ProgramHeader p = ProgramHeader.read(file, header.phoff() + (long) i * ProgramHeader.SIZE);
            int index = i;
            String where = "program header " + index + " (" + p.typeName() + ")";
            file.require(p.offset(), p.filesz(), where + " file bytes");
            if (p.isLoad()) {
                checkLoadSegment(file, p, where);
            }
            segments.add(p);
        }
        requireAtMostOne(file, segments, ProgramHeader.PT_DYNAMIC);
        requireAtMostOne(file, segments, ProgramHeader.PT_INTERP);
        requireNoOverlap(file, segments);
        return List.copyOf(segments);
    }

    private static void checkLoadSegment(FileBytes file, ProgramHeader p, String where)
            throws ElfException {
        if (Long.compareUnsigned(p.filesz(), p.memsz()) > 0) {
            throw file.damaged("%s: p_filesz 0x%x is larger than p_memsz 0x%x".formatted(where, p.filesz(), p.memsz()));
        }
        if (p.memsz() != 0 && Long.compareUnsigned(p.vaddr() + p.memsz() - 1, p.vaddr()) < 0) {
            throw file.damaged("%s: p_vaddr 0x%x + p_memsz 0x%x wraps around the end of the address space"
                    .formatted(where, p.vaddr(), p.memsz()));
        }
        if (Long.bitCount(p.align()) > 1) {
            throw file.damaged("%s: p_align 0x%x is not a power of two".formatted(where, p.align()));
        }
    }

    private static void requireAtMostOne(FileBytes file, List<ProgramHeader> segments, int type) throws ElfException {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).type() == type) {
                found.add(i);
            }
        }
        if (found.size() > 1) {
            throw file.damaged("program headers %d and %d are both %s; ELF allows one"
                    .formatted(found.get(0), found.get(1), segments.get(found.get(0)).typeName()));
        }
    }

    /** Sorted by start address, two loadable segments overlap exactly when neighbours do. */
    private static void requireNoOverlap(FileBytes file, List<ProgramHeader> segments) throws ElfException {
        List<Integer> loads = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).isLoad() && segments.get(i).memsz() != 0) {
                loads.add(i);
            }
        }
        // An anonymous class, not a lambda: a lambda call site costs milliseconds at start-up under
        // emulation (issue 12), and every boot parses a kernel.
        loads.sort(new Comparator<Integer>() {
            @Override
            public int compare(Integer x, Integer y) {
                return Long.compareUnsigned(segments.get(x).vaddr(), segments.get(y).vaddr());
            }
        });
        for (int k = 1; k < loads.size(); k++) {
            ProgramHeader a = segments.get(loads.get(k - 1));
            ProgramHeader b = segments.get(loads.get(k));
            if (Long.compareUnsigned(b.vaddr() - a.vaddr(), a.memsz()) < 0) {
                throw file.damaged("PT_LOAD program headers %d [0x%x, +0x%x) and %d [0x%x, +0x%x) overlap in virtual memory"
                        .formatted(loads.get(k - 1), a.vaddr(), a.memsz(), loads.get(k), b.vaddr(), b.memsz()));
            }
        }
    }
}
