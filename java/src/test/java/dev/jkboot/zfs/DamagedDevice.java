package dev.jkboot.zfs;

import dev.jkboot.disk.BlockDevice;
import dev.jkboot.disk.DiskException;
import java.util.Map;
import java.util.TreeMap;

/** A device that reads as another one with some bytes replaced: damage without copying an image. */
final class DamagedDevice implements BlockDevice {
    private final BlockDevice base;
    private final TreeMap<Long, Byte> changes = new TreeMap<>();

    DamagedDevice(BlockDevice base) {
        this.base = base;
    }

    void set(long offset, byte value) {
        changes.put(offset, value);
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public long size() {
        return base.size();
    }

    @Override
    public int sectorSize() {
        return base.sectorSize();
    }

    @Override
    public byte[] read(long offset, int length) throws DiskException {
        byte[] out = base.read(offset, length);
        for (Map.Entry<Long, Byte> e : changes.subMap(offset, offset + length).entrySet()) {
            out[(int) (e.getKey() - offset)] = e.getValue();
        }
        return out;
    }

    @Override
    public void close() {}
}
