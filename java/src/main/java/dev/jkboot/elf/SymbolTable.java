package dev.jkboot.elf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A checked SHT_SYMTAB or SHT_DYNSYM section and its linked string table. Opening it proves every
 * entry and every name lies inside the file, so reading symbols afterwards cannot fail; symbols
 * are decoded on demand, which keeps a kernel's hundred thousand of them cheap until asked for.
 */
public final class SymbolTable {
    private final FileBytes file;
    private final SectionHeader section;
    private final SectionHeader strings;

    private SymbolTable(FileBytes file, SectionHeader section, SectionHeader strings) {
        this.file = file;
        this.section = section;
        this.strings = strings;
    }

    /** The symbol table section itself. */
    public SectionHeader section() {
        return section;
    }

    /** Its string table, the section named by its sh_link. */
    public SectionHeader strings() {
        return strings;
    }

    /** The number of entries, including the null symbol at index 0. */
    public int size() {
        return (int) (section.size() / ElfSymbol.SIZE);
    }

    /** The symbol at {@code index}, e.g. the one a relocation names. */
    public ElfSymbol symbol(long index) throws ElfException {
        if (index < 0 || index >= size()) {
            throw file.damaged("symbol index %d is outside %s, which holds %d symbols"
                    .formatted(index, section.describe(), size()));
        }
        return decode((int) index);
    }

    public List<ElfSymbol> symbols() {
        List<ElfSymbol> all = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            all.add(decode(i));
        }
        return all;
    }

    /**
     * The symbol called {@code name}: a defined global or weak one if there is one, else a defined
     * local one (kernels have several locals of the same name), else an undefined reference.
     */
    public Optional<ElfSymbol> find(String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        long stringsEnd = strings.offset() + strings.size();
        int best = -1;
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < size() && bestRank > 0; i++) {
            long entry = entryOffset(i);
            long nameAt = strings.offset() + ElfSymbol.nameOffset(file, entry);
            if (file.stringEquals(nameAt, stringsEnd, wanted)) {
                int rank = rank(file.u8(entry + 4) >>> 4, file.u16(entry + 6));
                if (rank < bestRank) {
                    best = i;
                    bestRank = rank;
                }
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(decode(best));
    }

    private static int rank(int bind, int shndx) {
        if (shndx == SectionHeader.SHN_UNDEF) {
            return 2;
        }
        return bind == ElfSymbol.STB_LOCAL ? 1 : 0;
    }

    private ElfSymbol decode(int index) {
        long entry = entryOffset(index);
        String name = file.cString(strings.offset() + ElfSymbol.nameOffset(file, entry),
                strings.offset() + strings.size());
        return ElfSymbol.read(file, entry, name);
    }

    private long entryOffset(int index) {
        return section.offset() + (long) index * ElfSymbol.SIZE;
    }

    /** Checks {@code section}, its sh_link and every symbol name, then opens it. */
    static SymbolTable open(FileBytes file, List<SectionHeader> sections, SectionHeader section)
            throws ElfException {
        String where = section.describe();
        if (section.entsize() != ElfSymbol.SIZE) {
            throw file.damaged("%s has sh_entsize %d; ELF64 symbols are 24 bytes"
                    .formatted(where, section.entsize()));
        }
        if (section.size() % ElfSymbol.SIZE != 0) {
            throw file.damaged("%s is 0x%x bytes, not a whole number of 24-byte symbols"
                    .formatted(where, section.size()));
        }
        long link = Integer.toUnsignedLong(section.link());
        if (link == SectionHeader.SHN_UNDEF || link >= sections.size()) {
            throw file.damaged("%s links to string table section %d, which does not exist (%d sections)"
                    .formatted(where, link, sections.size()));
        }
        SectionHeader strings = sections.get((int) link);
        if (strings.type() != SectionHeader.SHT_STRTAB) {
            throw file.damaged("%s links to %s of type %d, not a string table (SHT_STRTAB)"
                    .formatted(where, strings.describe(), strings.type()));
        }
        if (strings.size() > 0 && file.u8(strings.offset() + strings.size() - 1) != 0) {
            throw file.damaged("string table %s of %s does not end with a NUL byte"
                    .formatted(strings.describe(), where));
        }
        SymbolTable table = new SymbolTable(file, section, strings);
        for (int i = 0; i < table.size(); i++) {
            long nameOffset = ElfSymbol.nameOffset(file, table.entryOffset(i));
            if (nameOffset >= strings.size()) {
                throw file.damaged("symbol %d of %s: name offset 0x%x is outside string table %s (0x%x bytes)"
                        .formatted(i, where, nameOffset, strings.describe(), strings.size()));
            }
        }
        return table;
    }
}
