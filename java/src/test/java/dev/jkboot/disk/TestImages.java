package dev.jkboot.disk;

import dev.jkboot.RequiredTool;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Builds partitioned disk images for tests: GPT (any sector size, CRCs computed here), MBR and BSD
 * labels (no Linux tool writes BSD labels, so their bytes are laid out here from
 * sys/sys/disklabel.h), and runs the host tools {@code sgdisk} and {@code makefs}.
 */
public final class TestImages {
    private TestImages() {}

    /** A GPT entry: LBAs inclusive, as in the on-disk format. */
    public record GptEntry(UUID type, long firstLba, long lastLba, long attributes, String name) {}

    /** A GPT with 128 entries of 128 bytes, primary at LBA 1 and backup at the last LBA. */
    public static void writeGpt(Path image, int sectorSize, long sectors, List<GptEntry> entries)
            throws IOException {
        int arrayBytes = 128 * 128;
        int arraySectors = arrayBytes / sectorSize + (arrayBytes % sectorSize == 0 ? 0 : 1);
        byte[] array = new byte[arrayBytes];
        ByteBuffer a = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < entries.size(); i++) {
            GptEntry e = entries.get(i);
            int at = i * 128;
            putGuid(array, at, e.type());
            putGuid(array, at + 16, UUID.nameUUIDFromBytes(("part" + i).getBytes(StandardCharsets.UTF_8)));
            a.putLong(at + 32, e.firstLba());
            a.putLong(at + 40, e.lastLba());
            a.putLong(at + 48, e.attributes());
            byte[] name = e.name().getBytes(StandardCharsets.UTF_16LE);
            System.arraycopy(name, 0, array, at + 56, name.length);
        }
        long last = sectors - 1;
        long firstUsable = 2 + arraySectors;
        long lastUsable = last - arraySectors - 1;
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(sectors * sectorSize);
            f.seek(0);
            f.write(protectiveMbr(sectorSize, sectors));
            f.seek(2L * sectorSize);
            f.write(array);
            f.seek((last - arraySectors) * sectorSize);
            f.write(array);
            f.seek(sectorSize);
            f.write(gptHeader(sectorSize, 1, last, firstUsable, lastUsable, 2, array));
            f.seek(last * sectorSize);
            f.write(gptHeader(sectorSize, last, 1, firstUsable, lastUsable, last - arraySectors, array));
        }
    }

    private static byte[] gptHeader(int sectorSize, long self, long alternate, long firstUsable,
            long lastUsable, long arrayLba, byte[] array) {
        byte[] sector = new byte[sectorSize];
        ByteBuffer h = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
        h.put("EFI PART".getBytes(StandardCharsets.US_ASCII));
        h.putInt(8, 0x00010000);
        h.putInt(12, 92);
        h.putLong(24, self);
        h.putLong(32, alternate);
        h.putLong(40, firstUsable);
        h.putLong(48, lastUsable);
        putGuid(sector, 56, UUID.fromString("01234567-89ab-cdef-0123-456789abcdef"));
        h.putLong(72, arrayLba);
        h.putInt(80, 128);
        h.putInt(84, 128);
        h.putInt(88, crc32(array, array.length));
        h.putInt(16, crc32(sector, 92));
        return sector;
    }

    private static byte[] protectiveMbr(int sectorSize, long sectors) {
        byte[] mbr = new byte[sectorSize];
        ByteBuffer m = ByteBuffer.wrap(mbr).order(ByteOrder.LITTLE_ENDIAN);
        mbr[446 + 4] = (byte) 0xee;
        m.putInt(446 + 8, 1);
        m.putInt(446 + 12, (int) Math.min(sectors - 1, 0xffffffffL));
        mbr[510] = 0x55;
        mbr[511] = (byte) 0xaa;
        return mbr;
    }

    /** Mixed-endian, as GPT stores GUIDs. */
    public static void putGuid(byte[] bytes, int offset, UUID guid) {
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long msb = guid.getMostSignificantBits();
        le.putInt(offset, (int) (msb >>> 32));
        le.putShort(offset + 4, (short) (msb >>> 16));
        le.putShort(offset + 6, (short) msb);
        ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).putLong(offset + 8, guid.getLeastSignificantBits());
    }

    /** An MBR slice: status, type, first LBA, sector count. */
    public record MbrEntry(int status, int type, long firstLba, long sectors) {}

    public static byte[] mbr(int sectorSize, List<MbrEntry> entries) {
        byte[] mbr = new byte[sectorSize];
        ByteBuffer m = ByteBuffer.wrap(mbr).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < entries.size(); i++) {
            MbrEntry e = entries.get(i);
            int at = 446 + 16 * i;
            mbr[at] = (byte) e.status();
            mbr[at + 4] = (byte) e.type();
            m.putInt(at + 8, (int) e.firstLba());
            m.putInt(at + 12, (int) e.sectors());
        }
        mbr[510] = 0x55;
        mbr[511] = (byte) 0xaa;
        return mbr;
    }

    /** A BSD label partition: sectors, offset as stored, p_fstype. */
    public record LabelEntry(long sectors, long offset, int fstype) {}

    /**
     * One sector holding a {@code struct disklabel}: d_magic at 0, d_secsize at 40, d_magic2 at
     * 132, d_checksum at 136 (XOR of the 16-bit words up to the end of the partitions), d_npartitions
     * at 138, partitions of 16 bytes from 148 (p_size, p_offset, p_fsize, p_fstype, p_frag, p_cpg).
     */
    public static byte[] bsdLabel(int sectorSize, List<LabelEntry> partitions) {
        byte[] label = new byte[sectorSize];
        ByteBuffer l = ByteBuffer.wrap(label).order(ByteOrder.LITTLE_ENDIAN);
        l.putInt(0, BsdLabelReader.DISKMAGIC);
        l.putInt(40, sectorSize);
        l.putInt(44, 63);
        l.putInt(48, 16);
        l.putInt(132, BsdLabelReader.DISKMAGIC);
        l.putShort(138, (short) partitions.size());
        l.putInt(140, 8192);
        for (int i = 0; i < partitions.size(); i++) {
            LabelEntry p = partitions.get(i);
            int at = 148 + 16 * i;
            l.putInt(at, (int) p.sectors());
            l.putInt(at + 4, (int) p.offset());
            label[at + 12] = (byte) p.fstype();
        }
        int end = 148 + 16 * partitions.size();
        short sum = 0;
        for (int i = 0; i < end; i += 2) {
            sum ^= l.getShort(i);
        }
        l.putShort(136, sum);
        return label;
    }

    public static void writeAt(Path image, long offset, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.seek(offset);
            f.write(bytes);
        }
    }

    /** Flips every bit of one byte. */
    public static void corrupt(Path image, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(~b);
        }
    }

    /**
     * Runs a host tool; when it is not installed, skips the test with the reason, or fails it where every
     * tool is required ({@link RequiredTool}).
     */
    public static void run(String... command) throws IOException, InterruptedException {
        Path tool = RequiredTool.require(command[0]);
        List<String> argv = new ArrayList<>(List.of(command));
        argv.set(0, tool.toString());
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int crc32(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
