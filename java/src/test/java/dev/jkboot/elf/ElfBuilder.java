package dev.jkboot.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small little-endian ELF64 files for tests. Layout: ELF header, then the content appended
 * with {@link #append} (so its offsets are known at once), then the program headers, the section
 * name table and the section headers. Field values are taken as given, right or wrong: tests make
 * a valid file and then break one thing.
 */
final class ElfBuilder {
    /** An Elf64_Sym to write; {@code name} goes into the linked string table. */
    record Sym(String name, int info, int shndx, long value, long size) {}

    private record Section(String name, int type, long flags, long addr, long offset, long size,
            int link, int info, long align, long entsize) {}

    private final int type;
    private final int machine;
    private long entry;
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();
    private final List<long[]> segments = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    ElfBuilder(int type, int machine) {
        this.type = type;
        this.machine = machine;
        sections.add(new Section("", SectionHeader.SHT_NULL, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    ElfBuilder entry(long value) {
        this.entry = value;
        return this;
    }

    /** Appends {@code data} at the next multiple of {@code align} and returns its file offset. */
    long append(byte[] data, int align) {
        while ((ElfHeader.SIZE + content.size()) % align != 0) {
            content.write(0);
        }
        long offset = ElfHeader.SIZE + content.size();
        content.writeBytes(data);
        return offset;
    }

    /** The file offset just past the content appended so far. */
    long contentEnd() {
        return ElfHeader.SIZE + content.size();
    }

    ElfBuilder segment(int type, int flags, long offset, long vaddr, long filesz, long memsz, long align) {
        segments.add(new long[] {type, flags, offset, vaddr, vaddr, filesz, memsz, align});
        return this;
    }

    /** Adds a section header and returns its index. */
    int section(String name, int type, long flags, long addr, long offset, long size, int link, int info,
            long align, long entsize) {
        sections.add(new Section(name, type, flags, addr, offset, size, link, info, align, entsize));
        return sections.size() - 1;
    }

    /** Appends a symbol table (with a null symbol first) and its string table; returns the table's index. */
    int symbols(String name, String stringsName, int tableType, List<Sym> symbols) {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        strings.write(0);
        ByteBuffer table = le(ElfSymbol.SIZE * (symbols.size() + 1));
        table.position(ElfSymbol.SIZE);
        for (Sym s : symbols) {
            table.putInt(strings.size()).put((byte) s.info()).put((byte) 0).putShort((short) s.shndx())
                    .putLong(s.value()).putLong(s.size());
            strings.writeBytes(s.name().getBytes(StandardCharsets.UTF_8));
            strings.write(0);
        }
        long stringsOffset = append(strings.toByteArray(), 1);
        int stringsIndex = section(stringsName, SectionHeader.SHT_STRTAB, 0, 0, stringsOffset, strings.size(), 0, 0, 1, 0);
        long tableOffset = append(table.array(), 8);
        return section(name, tableType, 0, 0, tableOffset, table.capacity(), stringsIndex, 1, 8, ElfSymbol.SIZE);
    }

    byte[] build() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[ElfHeader.SIZE]);
        file.writeBytes(content.toByteArray());
        pad(file, 8);
        long phoff = segments.isEmpty() ? 0 : file.size();
        for (long[] p : segments) {
            file.writeBytes(le(ProgramHeader.SIZE).putInt((int) p[0]).putInt((int) p[1]).putLong(p[2])
                    .putLong(p[3]).putLong(p[4]).putLong(p[5]).putLong(p[6]).putLong(p[7]).array());
        }
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        names.write(0);
        List<Integer> nameOffsets = new ArrayList<>();
        for (Section s : sections) {
            nameOffsets.add(s.name().isEmpty() ? 0 : names.size());
            if (!s.name().isEmpty()) {
                names.writeBytes(s.name().getBytes(StandardCharsets.UTF_8));
                names.write(0);
            }
        }
        int namesName = names.size();
        names.writeBytes(".shstrtab\0".getBytes(StandardCharsets.US_ASCII));
        long namesOffset = file.size();
        file.writeBytes(names.toByteArray());
        pad(file, 8);
        long shoff = file.size();
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            file.writeBytes(sectionHeader(nameOffsets.get(i), s.type(), s.flags(), s.addr(), s.offset(), s.size(),
                    s.link(), s.info(), s.align(), s.entsize()));
        }
        file.writeBytes(sectionHeader(namesName, SectionHeader.SHT_STRTAB, 0, 0, namesOffset, names.size(), 0, 0, 1, 0));
        byte[] bytes = file.toByteArray();
        ByteBuffer h = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 9});
        h.position(16);
        h.putShort((short) type).putShort((short) machine).putInt(1).putLong(entry).putLong(phoff).putLong(shoff)
                .putInt(0).putShort((short) ElfHeader.SIZE).putShort((short) ProgramHeader.SIZE)
                .putShort((short) segments.size()).putShort((short) SectionHeader.SIZE)
                .putShort((short) (sections.size() + 1)).putShort((short) sections.size());
        return bytes;
    }

    private static byte[] sectionHeader(int name, int type, long flags, long addr, long offset, long size,
            int link, int info, long align, long entsize) {
        return le(SectionHeader.SIZE).putInt(name).putInt(type).putLong(flags).putLong(addr).putLong(offset)
                .putLong(size).putInt(link).putInt(info).putLong(align).putLong(entsize).array();
    }

    /** Elf64_Dyn entries from tag, value pairs (add DT_NULL yourself). */
    static byte[] dynamic(long... tagsAndValues) {
        ByteBuffer b = le(8 * tagsAndValues.length);
        for (long v : tagsAndValues) {
            b.putLong(v);
        }
        return b.array();
    }

    /** One Elf64_Rela. */
    static byte[] rela(long offset, int type, int symbol, long addend) {
        return le(Relocation.SIZE).putLong(offset).putLong(((long) symbol << 32) | type).putLong(addend).array();
    }

    static byte[] u64s(long... values) {
        ByteBuffer b = le(8 * values.length);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /** A copy of {@code bytes} with the {@code width}-byte little-endian field at {@code offset} set to {@code value}. */
    static byte[] with(byte[] bytes, long offset, int width, long value) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < width; i++) {
            copy[(int) offset + i] = (byte) (value >>> (8 * i));
        }
        return copy;
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void pad(ByteArrayOutputStream out, int align) {
        while (out.size() % align != 0) {
            out.write(0);
        }
    }
}
