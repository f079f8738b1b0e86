package dev.jkboot.exec;

import dev.jkboot.plan.KexecSegment;
import java.util.ArrayList;
import java.util.List;

/** A fake kernel that records every call and answers with scripted return values. */
public final class RecordingSyscalls implements KexecSyscalls {
    public final List<String> calls = new ArrayList<>();
    public long loadResult;
    public long rebootResult = -Errno.EINVAL;
    public long unloadResult;

    @Override
    public long load(long entryPhys, List<KexecSegment> segments) {
        calls.add("load");
        return loadResult;
    }

    @Override
    public long unload() {
        calls.add("unload");
        return unloadResult;
    }

    @Override
    public long rebootIntoLoaded() {
        calls.add("reboot");
        return rebootResult;
    }

    @Override
    public void sync() {
        calls.add("sync");
    }
}
