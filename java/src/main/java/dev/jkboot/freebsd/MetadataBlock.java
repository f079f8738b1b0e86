package dev.jkboot.freebsd;

import dev.jkboot.mem.Align;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoded preload metadata ("modulep"), as subr_module.c walks it: for each file NAME, TYPE,
 * [ARGS], ADDR, SIZE and then its own records; each record {@code u32 type, u32 size, data}
 * padded with zeros to 8 bytes; an END record of 8 zero bytes last.
 *
 * @param records where each record's data starts inside {@code bytes}, in emission order
 */
public record MetadataBlock(byte[] bytes, List<Placed> records) {

    /** A record as encoded: which file it belongs to and where its data begins. */
    public record Placed(int fileIndex, int type, int dataOffset, int size) {}

    private static final int HEADER = 8;
    private static final int ALIGN = 8;

    public MetadataBlock {
        records = List.copyOf(records);
    }

    /** Encodes the files in order; the first file must be the kernel. */
    public static MetadataBlock encode(List<PreloadedFile> files) {
        List<List<MetadataRecord>> perFile = new ArrayList<>();
        int total = HEADER; // END
        for (PreloadedFile f : files) {
            List<MetadataRecord> rs = recordsOf(f);
            perFile.add(rs);
            for (MetadataRecord r : rs) {
                total += HEADER + (int) Align.up(r.size(), ALIGN);
            }
        }
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < perFile.size(); i++) {
            for (MetadataRecord r : perFile.get(i)) {
                out.putInt(r.type()).putInt(r.size());
                placed.add(new Placed(i, r.type(), out.position(), r.size()));
                out.put(r.data());
                out.position((int) Align.up(out.position(), ALIGN));
            }
        }
        // END: type 0, size 0; the buffer is already zero there.
        return new MetadataBlock(out.array(), placed);
    }

    /** The kernel file's (index 0) record of this type, if present. */
    public Placed kernelRecord(int type) {
        for (Placed p : records) {
            if (p.fileIndex() == 0 && p.type() == type) {
                return p;
            }
        }
        throw new IllegalStateException("no " + ModInfo.name(type) + " record");
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    private static List<MetadataRecord> recordsOf(PreloadedFile f) {
        List<MetadataRecord> rs = new ArrayList<>();
        rs.add(MetadataRecord.string(ModInfo.NAME, f.name()));
        rs.add(MetadataRecord.string(ModInfo.TYPE, f.type()));
        if (f.args().isPresent()) {
            rs.add(MetadataRecord.string(ModInfo.ARGS, f.args().get()));
        }
        rs.add(MetadataRecord.u64(ModInfo.ADDR, f.address()));
        rs.add(MetadataRecord.u64(ModInfo.SIZE, f.size()));
        rs.addAll(f.metadata());
        return rs;
    }
}
