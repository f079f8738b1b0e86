package dev.jkboot.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The host build of the shim: layout and flags as its C compiler sees them, and -errno returns. */
class NativeKexecTest {
    private static NativeKexec kexec;

    @BeforeAll
    static void loadHostShim() throws Exception {
        assumeTrue("amd64".equals(System.getProperty("os.arch")), "host shim tests run on x86-64 hosts");
        System.setProperty("jna.library.path", System.getProperty("jkboot.native.dir") + "/shim/x86_64");
        kexec = NativeKexec.load(NativeKexec.KEXEC_ARCH_AARCH64);
    }

    @Test
    void segmentStructIs32BytesAsJavaLaysItOut() {
        assertEquals(NativeKexec.SEGMENT_SIZE, kexec.shim().jk_kexec_segment_size());
    }

    @Test
    void hostArchFlagIsX8664() {
        assertEquals(62L << 16, kexec.shim().jk_kexec_arch_flag());
    }

    @Test
    void thereIsNoCounterOnX8664() {
        // The aarch64 build reads CNTVCT_EL0/CNTFRQ_EL0; tests/e2e/40-boot-direct.sh checks its output.
        assertEquals(0, kexec.counter());
        assertEquals(0, kexec.counterFrequency());
    }

    @Test
    void kernelRefusalsComeBackAsNegativeErrno() {
        // An aarch64 image on an x86-64 kernel: refused (EPERM without CAP_SYS_BOOT, else EINVAL for the
        // architecture) before anything is loaded, so this is safe to run as root.
        long rc = kexec.load(0x40000000L, List.of());
        assertTrue(rc == -Errno.EINVAL || rc == -Errno.EPERM || rc == -Errno.ENOSYS, "rc " + rc);
    }
}
