package dev.jkboot.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a shim call on a fresh thread that has first given up CAP_SYS_BOOT and, optionally, installed a seccomp
 * filter. Both are properties of that one Linux thread (capset and seccomp without TSYNC), so the JVM's other
 * threads keep theirs, and the thread ends with the call. Without CAP_SYS_BOOT neither kexec_load nor reboot
 * can change anything, even for root. x86-64 only (system call numbers, AUDIT_ARCH_X86_64).
 */
final class ThreadSyscalls {
    /** Errnos the filter answers with: above Linux's own (under 134), below MAX_ERRNO (4095). */
    static final int KEXEC_LOAD_BASE = 1000;
    static final int REBOOT_KEXEC = 2000;
    static final int WRONG_FLAGS = 4000;
    static final int WRONG_ENTRY = 4001;
    static final int WRONG_REBOOT_ARGUMENTS = 4002;

    private static final int CAP_SYS_BOOT = 22;
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int PR_SET_SECCOMP = 22;
    private static final long SECCOMP_MODE_FILTER = 2;

    private ThreadSyscalls() {}

    /** glibc's wrappers; each acts on the calling thread only. */
    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int prctl(int option, Object... args) throws LastErrorException;

        int capget(Pointer header, Pointer data) throws LastErrorException;

        int capset(Pointer header, Pointer data) throws LastErrorException;
    }

    @FunctionalInterface
    interface Call {
        long call() throws Exception;
    }

    /**
     * A filter for kexec_load and reboot only (every other system call is allowed). kexec_load answers errno
     * {@code 1000 + nr_segments} when its entry and flags are {@code entry} and {@code flags}, else
     * {@link #WRONG_ENTRY} or {@link #WRONG_FLAGS}; reboot answers {@link #REBOOT_KEXEC} when its arguments are
     * LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2 and LINUX_REBOOT_CMD_KEXEC, else {@link #WRONG_REBOOT_ARGUMENTS}.
     * Neither call reaches the kernel's own code.
     */
    record Filter(long entry, long flags) {
        private static final int AUDIT_ARCH_X86_64 = 0xc000003e;
        private static final int NR_KEXEC_LOAD = 246;
        private static final int NR_REBOOT = 169;
        private static final int RET_ALLOW = 0x7fff0000;
        private static final int RET_ERRNO = 0x00050000;
        // struct seccomp_data: nr at 0, arch at 4, instruction_pointer at 8, args[6] at 16 (little-endian halves).
        private static final int NR = 0;
        private static final int ARCH = 4;

        private static int argLow(int i) {
            return 16 + 8 * i;
        }

        private static int argHigh(int i) {
            return 16 + 8 * i + 4;
        }

        /** The classic BPF program, as {@code struct sock_filter} (code u16, jt u8, jf u8, k u32) entries. */
        Memory program() {
            Bpf b = new Bpf();
            b.load(ARCH).jumpIfEqual(AUDIT_ARCH_X86_64, null, "allow");
            b.load(NR).jumpIfEqual(NR_KEXEC_LOAD, "kexec", null).jumpIfEqual(NR_REBOOT, "reboot", "allow");
            b.label("kexec")
                    .load(argLow(3)).jumpIfEqual((int) flags, null, "wrong-flags")
                    .load(argHigh(3)).jumpIfEqual((int) (flags >>> 32), null, "wrong-flags")
                    .load(argLow(0)).jumpIfEqual((int) entry, null, "wrong-entry")
                    .load(argHigh(0)).jumpIfEqual((int) (entry >>> 32), null, "wrong-entry")
                    .load(argLow(1)).add(KEXEC_LOAD_BASE).or(RET_ERRNO).returnA();
            b.label("reboot")
                    .load(argLow(0)).jumpIfEqual(0xfee1dead, null, "wrong-reboot")
                    .load(argLow(1)).jumpIfEqual(672274793, null, "wrong-reboot")
                    .load(argLow(2)).jumpIfEqual(0x45584543, null, "wrong-reboot")
                    .returnK(RET_ERRNO | REBOOT_KEXEC);
            b.label("wrong-flags").returnK(RET_ERRNO | WRONG_FLAGS);
            b.label("wrong-entry").returnK(RET_ERRNO | WRONG_ENTRY);
            b.label("wrong-reboot").returnK(RET_ERRNO | WRONG_REBOOT_ARGUMENTS);
            b.label("allow").returnK(RET_ALLOW);
            return b.assemble();
        }
    }

    /** A classic BPF assembler for the few instructions a seccomp filter needs; jumps go forward to labels. */
    private static final class Bpf {
        private record Insn(int code, String jt, String jf, int k) {}

        private final List<Insn> insns = new ArrayList<>();
        private final Map<String, Integer> labels = new HashMap<>();

        Bpf label(String name) {
            labels.put(name, insns.size());
            return this;
        }

        Bpf load(int offset) {
            insns.add(new Insn(0x20, null, null, offset)); // BPF_LD | BPF_W | BPF_ABS
            return this;
        }

        /** Falls through (a null label) or jumps to a label. */
        Bpf jumpIfEqual(int k, String ifEqual, String otherwise) {
            insns.add(new Insn(0x15, ifEqual, otherwise, k)); // BPF_JMP | BPF_JEQ | BPF_K
            return this;
        }

        Bpf add(int k) {
            insns.add(new Insn(0x04, null, null, k)); // BPF_ALU | BPF_ADD | BPF_K
            return this;
        }

        Bpf or(int k) {
            insns.add(new Insn(0x44, null, null, k)); // BPF_ALU | BPF_OR | BPF_K
            return this;
        }

        Bpf returnA() {
            insns.add(new Insn(0x16, null, null, 0)); // BPF_RET | BPF_A
            return this;
        }

        Bpf returnK(int k) {
            insns.add(new Insn(0x06, null, null, k)); // BPF_RET | BPF_K
            return this;
        }

        Memory assemble() {
            Memory m = new Memory(8L * insns.size());
            for (int i = 0; i < insns.size(); i++) {
                Insn insn = insns.get(i);
                m.setShort(8L * i, (short) insn.code());
                m.setByte(8L * i + 2, (byte) offset(i, insn.jt()));
                m.setByte(8L * i + 3, (byte) offset(i, insn.jf()));
                m.setInt(8L * i + 4, insn.k());
            }
            return m;
        }

        private int offset(int at, String label) {
            if (label == null) {
                return 0;
            }
            int jump = labels.get(label) - at - 1;
            if (jump < 0 || jump > 255) {
                throw new IllegalStateException("jump to " + label + " out of range");
            }
            return jump;
        }

        int size() {
            return insns.size();
        }
    }

    /** {@code call} on a fresh thread without CAP_SYS_BOOT, under {@code filter}. */
    static long run(Filter filter, Call call) throws Exception {
        return onFreshThread(() -> {
            dropCapSysBoot();
            Memory program = filter.program();
            Memory fprog = new Memory(16); // struct sock_fprog: unsigned short len, then the pointer at 8
            fprog.clear();
            fprog.setShort(0, (short) (program.size() / 8));
            fprog.setPointer(8, program);
            // Unprivileged threads may install a filter only with no_new_privs, which is per thread as well.
            LibC.INSTANCE.prctl(PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L);
            LibC.INSTANCE.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, fprog, 0L, 0L);
            assertEquals("2", threadStatus("Seccomp"), "the filter is installed on this thread");
            return call.call();
        });
    }

    /** {@code call} on a fresh thread without CAP_SYS_BOOT: what Linux itself answers an unprivileged caller. */
    static long runUnprivileged(Call call) throws Exception {
        return onFreshThread(() -> {
            dropCapSysBoot();
            return call.call();
        });
    }

    private static long onFreshThread(Call call) throws Exception {
        AtomicReference<Long> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(call.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "jkboot-syscall-test");
        t.start();
        t.join();
        if (failure.get() instanceof Exception e) {
            throw e;
        } else if (failure.get() instanceof Error e) {
            throw e;
        }
        return result.get();
    }

    /** Clears CAP_SYS_BOOT from this thread's effective and permitted sets, and checks that it is gone. */
    private static void dropCapSysBoot() throws IOException {
        Memory header = new Memory(8);
        header.setInt(0, LINUX_CAPABILITY_VERSION_3);
        header.setInt(4, 0); // this thread
        Memory data = new Memory(24); // two struct __user_cap_data_struct: effective, permitted, inheritable
        LibC.INSTANCE.capget(header, data);
        data.setInt(0, data.getInt(0) & ~(1 << CAP_SYS_BOOT));
        data.setInt(4, data.getInt(4) & ~(1 << CAP_SYS_BOOT));
        LibC.INSTANCE.capset(header, data);
        long effective = Long.parseUnsignedLong(threadStatus("CapEff"), 16);
        assertEquals(0, effective & (1L << CAP_SYS_BOOT), "CAP_SYS_BOOT is still effective on this thread");
    }

    /** A field of /proc/thread-self/status: this thread's, not the process's. */
    private static String threadStatus(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        throw new IOException("no " + field + " in /proc/thread-self/status");
    }
}
