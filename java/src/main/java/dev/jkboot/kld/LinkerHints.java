package dev.jkboot.kld;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A directory's {@code linker.hints}, the index kldxref(8) writes of which file provides which
 * module, read as module.c's moduledir_readhints and mod_search_hints read it.
 *
 * <p>Layout (host byte order; arm64 is little-endian): an int version, {@value #VERSION}; then
 * records, each an int {@code reclen} (the bytes that follow in this record) and that many
 * bytes: an int type, then for MDT_VERSION a name (one length byte, the bytes), padding to the
 * next multiple of 4 from the start of the file, an int version and the file name (length byte,
 * bytes). MDT_MODULE and MDT_PNP_INFO records are skipped, as the loader skips them when it looks
 * for a module.
 *
 * <p>The loader reads whatever the bytes say; jkboot checks every record against the file's end
 * first, and a file it cannot trust is not used at all (the loader's own answer to a wrong
 * version), which the caller reports.
 */
public record LinkerHints(List<Entry> versions) {
    /** sys/sys/linker.h LINKER_HINTS_VERSION. */
    static final int VERSION = 1;
    /** module.c ignores a linker.hints larger than this (LINKER_HINTS_MAX, 1 MiB). */
    public static final int MAX_SIZE = 1 << 20;
    /** module.c ignores a file smaller than the version and one int. */
    static final int MIN_SIZE = 8;

    /** One MDT_VERSION record: module {@code module} is in {@code file} of the same directory. */
    public record Entry(ModuleVersion module, String file) {}

    public LinkerHints {
        versions = List.copyOf(versions);
    }

    /** Parses a whole file; {@code where} names it in messages. */
    public static LinkerHints parse(String where, byte[] bytes) throws Unusable {
        if (bytes.length < MIN_SIZE || bytes.length > MAX_SIZE) {
            throw new Unusable(where, "is %d bytes; FreeBSD's loader reads only files of %d bytes to 1 MiB"
                    .formatted(bytes.length, MIN_SIZE));
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = b.getInt(0);
        if (version != VERSION) {
            throw new Unusable(where, "has version %d; FreeBSD's loader reads only version %d".formatted(version, VERSION));
        }
        List<Entry> entries = new ArrayList<>();
        int at = 4;
        while (at < bytes.length) {
            if (bytes.length - at < 8) {
                throw new Unusable(where, "is truncated: the record at offset %d has no length and type".formatted(at));
            }
            int length = b.getInt(at);
            if (length < 4 || length > bytes.length - at - 4) {
                throw new Unusable(where, "is truncated or damaged: the record at offset %d says it is %d bytes, %d remain"
                        .formatted(at, length, bytes.length - at - 4));
            }
            int end = at + 4 + length;
            if (b.getInt(at + 4) == ModuleMetadataReader.MDT_VERSION) {
                entries.add(versionRecord(where, b, at, at + 8, end));
            }
            at = end;
        }
        return new LinkerHints(entries);
    }

    private static Entry versionRecord(String where, ByteBuffer b, int record, int at, int end) throws Unusable {
        Cursor c = new Cursor(where, b, record, at, end);
        String name = c.string();
        c.align4();
        int version = c.int32();
        return new Entry(new ModuleVersion(name, version), c.string());
    }

    /**
     * The file mod_search_hints picks for {@code name}: the first record at the preferred version
     * (or the first of that name without a range), else the highest in the range.
     */
    public Optional<String> fileFor(String name, Optional<ModuleDependency> wanted) {
        List<ModuleVersion> modules = new ArrayList<>(versions.size());
        for (Entry e : versions) {
            modules.add(e.module());
        }
        int picked = ModuleDependency.pick(name, wanted, modules);
        return picked < 0 ? Optional.empty() : Optional.of(versions.get(picked).file());
    }

    /** Why a linker.hints file is not used. */
    public static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String where, String why) {
            super(where + " " + why);
        }
    }

    /** Reads inside one record, never past its end. */
    private static final class Cursor {
        private final String where;
        private final ByteBuffer b;
        private final int record;
        private final int end;
        private int at;

        Cursor(String where, ByteBuffer b, int record, int at, int end) {
            this.where = where;
            this.b = b;
            this.record = record;
            this.at = at;
            this.end = end;
        }

        String string() throws Unusable {
            need(1);
            int length = Byte.toUnsignedInt(b.get(at));
            need(1 + length);
            String s = new String(b.array(), at + 1, length, StandardCharsets.ISO_8859_1);
            at += 1 + length;
            return s;
        }

        void align4() {
            at = (at + 3) & ~3;
        }

        int int32() throws Unusable {
            need(4);
            int v = b.getInt(at);
            at += 4;
            return v;
        }

        private void need(int bytes) throws Unusable {
            if (bytes > end - at) {
                throw new Unusable(where, "is damaged: the MDT_VERSION record at offset %d ends inside its fields"
                        .formatted(record));
            }
        }
    }
}
