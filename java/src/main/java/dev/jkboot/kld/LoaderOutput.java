package dev.jkboot.kld;

import dev.jkboot.elf.ElfFile;
import dev.jkboot.elf.ProgramHeader;
import dev.jkboot.freebsd.BootSpecException;
import dev.jkboot.freebsd.ElfObjectLoader;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The lines FreeBSD's loader prints while it loads, at the {@code module_verbose} level the
 * environment sets (stand/common/bootstrap.h: 0 silent, 1 sizes, 2 sizes and progress, 3 full):
 * load_elf.c's loadfile and loadimage ({@code NAME text=0x… data=0x…+0x… 0x8+0x…+0x8+0x…}),
 * module.c's file_loadraw ({@code NAME size=0x…}) and file_load_dependencies
 * ({@code loading required module 'NAME'}).
 */
public final class LoaderOutput {
    static final int SILENT = 0;
    /** What FreeBSD's loader prints unless module_verbose says otherwise. */
    static final int DEFAULT = 2;

    private final int level;
    private final Consumer<String> out;

    LoaderOutput(int level, Consumer<String> out) {
        this.level = level;
        this.out = out;
    }

    /** At the level {@code module_verbose} in {@code environment} sets; a value that is not a number is reported and ignored, as the loader does. */
    public static LoaderOutput of(Map<String, String> environment, Consumer<String> out, Consumer<String> warn) {
        String value = environment.get("module_verbose");
        if (value == null) {
            return new LoaderOutput(DEFAULT, out);
        }
        try {
            return new LoaderOutput(Integer.decode(value.strip()), out);
        } catch (NumberFormatException e) {
            warn.accept("invalid module_verbose '" + value + "'; printing at level " + DEFAULT);
            return new LoaderOutput(DEFAULT, out);
        }
    }

    /**
     * A kernel or module: each PT_LOAD as {@code text=0x<filesz> } (not writable) or
     * {@code data=0x<filesz>[+0x<bss>] }, then the appended symbol and string tables as
     * {@code 0x8+0x<size>+0x8+0x<size>}. At level 3 the loader prints load addresses instead, which
     * jkboot knows only once everything is placed; it prints the sizes then too.
     */
    void elf(String name, ElfFile elf) throws BootSpecException {
        if (level <= SILENT) {
            return;
        }
        StringBuilder line = new StringBuilder(name).append(' ');
        for (ProgramHeader p : elf.loadSegments()) {
            if ((p.flags() & ProgramHeader.PF_W) == 0) {
                line.append("text=0x").append(Long.toHexString(p.filesz())).append(' ');
            } else {
                line.append("data=0x").append(Long.toHexString(p.filesz()));
                if (Long.compareUnsigned(p.filesz(), p.memsz()) < 0) {
                    line.append("+0x").append(Long.toHexString(p.memsz() - p.filesz()));
                }
                line.append(' ');
            }
        }
        Optional<ElfObjectLoader.AppendedSymbols> symbols = ElfObjectLoader.appendedSymbols(elf);
        if (symbols.isPresent()) {
            line.append("0x8+0x").append(Long.toHexString(symbols.get().symtab().size()))
                    .append("+0x8+0x").append(Long.toHexString(symbols.get().strtab().size()));
        }
        out.accept(line.toString());
    }

    /** A raw file: {@code NAME size=0x<size>} (printf's {@code %#jx}: a bare 0 for 0). */
    void raw(String name, long size) {
        if (level > SILENT) {
            out.accept(name + " size=" + (size == 0 ? "0" : "0x" + Long.toHexString(size)));
        }
    }

    void required(String module) {
        if (level > SILENT) {
            out.accept("loading required module '" + module + "'");
        }
    }
}
