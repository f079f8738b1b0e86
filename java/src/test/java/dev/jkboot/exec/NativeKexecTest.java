package dev.jkboot.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.RequiredTool;
import dev.jkboot.plan.KexecSegment;
import dev.jkboot.shim.Errno;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The host (x86-64) build of the shim, for real: the load-time handshake, and the system calls it makes,
 * answered with exact errnos. Each call runs on a thread of its own ({@link ThreadSyscalls}) that first gives
 * up CAP_SYS_BOOT, so nothing here can unload, load or reboot anything even as root; where Linux's answer
 * would depend on the machine, a seccomp filter on that thread answers instead and checks the arguments.
 */
class NativeKexecTest {
    private static final long ENTRY = 0x4020_0000L;
    private static NativeKexec kexec;

    @BeforeAll
    static void loadHostShim() throws Exception {
        RequiredTool.useHostShim();
        kexec = NativeKexec.load(NativeKexec.KEXEC_ARCH_X86_64, LoadProgress.onStderr(true));
    }

    private static List<KexecSegment> twoSegments() {
        return List.of(
                new KexecSegment(ENTRY, 0x1000, 0x1000,
                        List.of(new KexecSegment.Piece("trampoline", ENTRY, ByteBuffer.wrap(new byte[64]), 64))),
                new KexecSegment(ENTRY + 0x10000, 0x2000, 0, List.of()));
    }

    @Test
    void theHandshakeAcceptsTheShimForItsOwnArchitecture() {
        assertEquals(NativeKexec.SEGMENT_SIZE, kexec.shim().segmentSize());
        assertEquals(NativeKexec.KEXEC_ARCH_X86_64, kexec.shim().archFlag());
    }

    @Test
    void touchPagesReadsOneByteOfEachPageInTheRangeOnly() {
        ByteBuffer b = ByteBuffer.allocateDirect(5 * 4096);
        for (int page = 0; page < 5; page++) {
            b.put(page * 4096, (byte) (page + 1));
            b.put(page * 4096 + 1, (byte) 100);
        }
        assertEquals(1 + 2 + 3 + 4 + 5, kexec.shim().touchPages(b, 0, 5 * 4096, 4096));
        assertEquals(2 + 3, kexec.shim().touchPages(b, 4096, 3 * 4096, 4096));
        assertEquals(2 + 3 + 4, kexec.shim().touchPages(b, 4096, 3 * 4096 + 1, 4096), "a last partial page counts");
        assertEquals(0, kexec.shim().touchPages(b, 4096, 4096, 4096), "an empty range");
        assertEquals(0, kexec.shim().touchPages(ByteBuffer.allocate(4096), 0, 4096, 4096), "not a direct buffer");
    }

    @Test
    void theHandshakeRefusesAShimBuiltForAnotherArchitecture() {
        // What a jkboot whose build carries the x86-64 shim would do on its way to boot FreeBSD arm64.
        KexecException e = assertThrows(KexecException.class, () -> NativeKexec.load(NativeKexec.KEXEC_ARCH_AARCH64, LoadProgress.onStderr(true)));
        assertEquals("jkboot's native shim libjkboot.so does not fit this jkboot: its struct kexec_segment is 32 bytes "
                + "(jkboot lays out 32) and it was built for KEXEC_ARCH_X86_64 (0x3e0000) (this boot needs "
                + "KEXEC_ARCH_AARCH64 (0xb70000))", e.getMessage());
        assertTrue(e.fix().startsWith("the jkboot build is for another architecture"), e.fix());
        assertEquals(0, e.errno());
    }

    /** The JNI wrapper refuses a table shorter than nr_segments entries, or not direct, before the system call. */
    @Test
    void aTableTooShortForItsSegmentCountIsEinvalWithoutASystemCall() throws Exception {
        // Under the filter: were the check missing, the filter (1000 + 3), not Linux, would answer.
        ThreadSyscalls.Filter filter = new ThreadSyscalls.Filter(ENTRY, NativeKexec.KEXEC_ARCH_X86_64);
        NativeKexec.Shim shim = kexec.shim();
        assertEquals(-Errno.EINVAL, ThreadSyscalls.run(filter,
                () -> shim.kexecLoad(ENTRY, 3, ByteBuffer.allocateDirect(2 * 32), NativeKexec.KEXEC_ARCH_X86_64)));
        assertEquals(-Errno.EINVAL, ThreadSyscalls.run(filter,
                () -> shim.kexecLoad(ENTRY, 1, ByteBuffer.allocate(32), NativeKexec.KEXEC_ARCH_X86_64)));
        assertEquals(-Errno.EINVAL, ThreadSyscalls.run(filter,
                () -> shim.kexecLoad(ENTRY, -1, ByteBuffer.allocateDirect(32), NativeKexec.KEXEC_ARCH_X86_64)));
        assertEquals(-1003, ThreadSyscalls.run(filter,
                () -> shim.kexecLoad(ENTRY, 3, ByteBuffer.allocateDirect(3 * 32), NativeKexec.KEXEC_ARCH_X86_64)));
    }

    /** The shim's buffers: zeroed, at the address JNA (an independent binding) sees, and given back. */
    @Test
    void theShimsBuffersAreZeroedDirectAndAtTheirAddress() {
        NativeKexec.Shim shim = kexec.shim();
        ByteBuffer b = shim.allocate(3 * 4096 + 5);
        try {
            assertTrue(b.isDirect());
            assertEquals(3 * 4096 + 5, b.capacity());
            for (int i = 0; i < b.capacity(); i++) {
                assertEquals(0, b.get(i), "byte " + i);
            }
            long address = shim.address(b);
            assertEquals(com.sun.jna.Pointer.nativeValue(com.sun.jna.Native.getDirectBufferPointer(b)), address);
            assertEquals(address + 100, shim.address(b.slice(100, 10)), "a slice starts at its own first byte");
        } finally {
            shim.free(b);
        }
        assertEquals(0, shim.address(ByteBuffer.allocate(16)), "a heap buffer has no address");
    }

    @Test
    void thereIsNoCounterOnX8664() {
        // The aarch64 build reads CNTVCT_EL0/CNTFRQ_EL0; tests/e2e/40-boot-direct.sh checks its output.
        assertEquals(0, kexec.counter());
        assertEquals(0, kexec.counterFrequency());
    }

    @Test
    void kexecLoadPassesEntrySegmentCountAndFlagsAndReturnsMinusErrno() throws Exception {
        // The filter answers errno 1000 + nr_segments only if entry and flags are exactly what was asked.
        ThreadSyscalls.Filter filter = new ThreadSyscalls.Filter(ENTRY, NativeKexec.KEXEC_ARCH_X86_64);
        assertEquals(-1002, ThreadSyscalls.run(filter, () -> kexec.load(ENTRY, twoSegments())));
        assertEquals(-1000, ThreadSyscalls.run(filter, () -> kexec.load(ENTRY, List.of())));
        assertEquals(-ThreadSyscalls.WRONG_ENTRY, ThreadSyscalls.run(filter, () -> kexec.load(ENTRY + 0x1000, List.of())));
        // The same shim asked for another architecture passes that flag through: the filter sees it.
        NativeKexec aarch64 = new NativeKexec(kexec.shim(), NativeKexec.KEXEC_ARCH_AARCH64);
        assertEquals(-ThreadSyscalls.WRONG_FLAGS, ThreadSyscalls.run(filter, () -> aarch64.load(ENTRY, twoSegments())));
    }

    @Test
    void unloadIsKexecLoadWithNoSegmentsAndNoEntry() throws Exception {
        assertEquals(-1000, ThreadSyscalls.run(new ThreadSyscalls.Filter(0, NativeKexec.KEXEC_ARCH_X86_64), kexec::unload));
        assertEquals(-ThreadSyscalls.WRONG_ENTRY,
                ThreadSyscalls.run(new ThreadSyscalls.Filter(ENTRY, NativeKexec.KEXEC_ARCH_X86_64), kexec::unload));
    }

    @Test
    void rebootPassesLinuxsMagicsAndTheKexecCommand() throws Exception {
        assertEquals(-ThreadSyscalls.REBOOT_KEXEC,
                ThreadSyscalls.run(new ThreadSyscalls.Filter(ENTRY, NativeKexec.KEXEC_ARCH_X86_64), kexec::rebootIntoLoaded));
    }

    /**
     * Linux itself, without CAP_SYS_BOOT. kexec_load(2) is either not built in (CONFIG_KEXEC unset: the system
     * call is sys_ni_syscall and says ENOSYS before anything is checked; this is the case in jkboot's
     * development container, whose kernel has no kexec) or it refuses a caller without CAP_SYS_BOOT with EPERM
     * first thing (kexec_load_check, before lockdown, IMA, flags and architecture are looked at).
     */
    @Test
    void withoutCapSysBootLinuxAnswersKexecLoadExactlyAsItsBuildSays() throws Exception {
        KernelKexec facts = KernelKexec.read();
        assertEquals(-facts.unprivilegedLoadErrno(), ThreadSyscalls.runUnprivileged(() -> kexec.load(ENTRY, List.of())),
                facts.toString());
        assertEquals(-facts.unprivilegedLoadErrno(), ThreadSyscalls.runUnprivileged(kexec::unload), facts.toString());
    }

    /** reboot(2) checks CAP_SYS_BOOT before anything else, whether or not the kernel has kexec: EPERM, always. */
    @Test
    void withoutCapSysBootLinuxRefusesTheKexecRebootWithEperm() throws Exception {
        assertEquals(-Errno.EPERM, ThreadSyscalls.runUnprivileged(kexec::rebootIntoLoaded));
    }
}
