package dev.jkboot.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Properties;

/**
 * The aarch64 trampoline Linux's kexec jumps to: it optionally copies the UEFI memory map into the
 * metadata, then enters the kernel with x0 = modulep. The blob and its data-block offsets come
 * from the assembled source ({@code native/trampoline}); nothing here restates them by hand.
 */
public final class Trampoline {
    static final String BLOB = "trampoline-aarch64.bin";
    static final String SYMBOLS = "trampoline-aarch64.properties";

    /** The data-block fields, named as in the assembly. */
    public enum Field { ENTRY, MODULEP, MEMMAP_SRC, MEMMAP_DST, MEMMAP_LEN, UART }

    private final byte[] blob;
    private final Properties symbols;

    Trampoline(byte[] blob, Properties symbols) {
        this.blob = blob.clone();
        this.symbols = symbols;
        for (Field f : Field.values()) {
            int off = offset(f);
            if (off < 0 || off % 8 != 0 || off + 8 > this.blob.length) {
                throw new IllegalStateException("trampoline field " + f + " at offset " + off
                        + " does not fit the " + this.blob.length + "-byte blob");
            }
        }
    }

    /** The trampoline built into this jkboot. */
    public static Trampoline aarch64() {
        try (InputStream bin = resource(BLOB); InputStream props = resource(SYMBOLS)) {
            Properties p = new Properties();
            p.load(props);
            return new Trampoline(bin.readAllBytes(), p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in trampoline", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Trampoline.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the trampoline resource " + name
                    + " is missing from this build of jkboot (run scripts/build, which assembles native/trampoline)");
        }
        return in;
    }

    public int size() {
        return blob.length;
    }

    public int offset(Field f) {
        return Integer.decode(symbols.getProperty("data." + f.name().toLowerCase(), "-1"));
    }

    /** The value the assembly leaves in a field, so tests can prove the offsets are right. */
    long sentinel(Field f) {
        return Long.parseUnsignedLong(symbols.getProperty("sentinel." + f.name().toLowerCase()).substring(2), 16);
    }

    byte[] blob() {
        return blob.clone();
    }

    /** The blob with its data block filled in. */
    public byte[] withData(TrampolineData d) {
        ByteBuffer b = ByteBuffer.wrap(blob.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(offset(Field.ENTRY), d.kernelEntryPhys());
        b.putLong(offset(Field.MODULEP), d.modulepVirt());
        b.putLong(offset(Field.MEMMAP_SRC), d.memmapSourcePhys());
        b.putLong(offset(Field.MEMMAP_DST), d.memmapDestinationPhys());
        b.putLong(offset(Field.MEMMAP_LEN), d.memmapLength());
        b.putLong(offset(Field.UART), d.uartPhys());
        return b.array();
    }
}
