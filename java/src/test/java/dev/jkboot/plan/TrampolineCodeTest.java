package dev.jkboot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The assembled trampoline's instructions, decoded from the blob Java ships: the cache maintenance
 * the Arm architecture requires with the MMU off, and the integrity check's instructions, must be
 * there and in the right order. Encodings are from the Arm ARM (DDI 0487), chapter C6 (A64 base
 * instructions) and the system register encodings of chapter D17/D19 (op0, op1, CRn, CRm, op2).
 */
class TrampolineCodeTest {
    /*
     * SYS/SYSL/MRS share 1101 0101 00 L op0(2) op1(3) CRn(4) CRm(4) op2(3) Rt(5).
     * DC CIVAC, Xt = SYS #3, C7, C14, #1, Xt.
     */
    static final int DC_CIVAC = 0xd50b7e20;
    /** DC IVAC, Xt = SYS #0, C7, C6, #1, Xt. */
    static final int DC_IVAC = 0xd5087620;
    /** IC IALLU = SYS #0, C7, C5, #0 with Rt = 31. */
    static final int IC_IALLU = 0xd508751f;
    /** DSB: 1101 0101 0000 0011 0011 CRm 1 00 11111; CRm = 0b1111 is the SY option. */
    static final int DSB_SY = 0xd5033f9f;
    static final int DSB_ANY = 0xd503309f;
    static final int DSB_MASK = 0xfffff0ff;
    /** ISB (option SY): CRm = 0b1111, op2 = 0b110. */
    static final int ISB = 0xd5033fdf;
    /** MRS Xt, CTR_EL0: L = 1, op0 = 3, op1 = 3, CRn = 0, CRm = 0, op2 = 1. */
    static final int MRS_CTR_EL0 = 0xd53b0020;
    /** MRS Xt, ID_AA64ISAR0_EL1: op0 = 3, op1 = 0, CRn = 0, CRm = 6, op2 = 0. */
    static final int MRS_ID_AA64ISAR0_EL1 = 0xd5380600;
    /** Rt in bits [4:0]. */
    static final int RT_MASK = 0xffffffe0;
    /** CRC32X Wd, Wn, Xm: sf = 1, 0011010110 Rm 010 0 sz = 11 Rn Rd (C = 0: the IEEE polynomial, not CRC32CX). */
    static final int CRC32X = 0x9ac04c00;
    /** CRC32B Wd, Wn, Wm: sf = 0, sz = 00, C = 0. */
    static final int CRC32B = 0x1ac04000;
    static final int CRC_MASK = 0xffe0fc00;
    /** UBFX Xd, Xn, #16, #4 = UBFM Xd, Xn, #16, #19: sf = 1, N = 1, immr = 16, imms = 19. */
    static final int UBFX_16_4 = 0xd3504c00;
    static final int UBFX_MASK = 0xfffffc00;
    /** BR Xn: 1101011 0000 11111 000000 Rn 00000. */
    static final int BR = 0xd61f0000;
    static final int BR_MASK = 0xfffffc1f;

    private final Trampoline t = Trampoline.aarch64();
    /** The words before the data block: code, then the messages (whose bytes decode as nothing here). */
    private final List<Integer> words = words(t);

    private static List<Integer> words(Trampoline t) {
        int dataStart = Integer.MAX_VALUE;
        for (Trampoline.Field f : Trampoline.Field.values()) {
            dataStart = Math.min(dataStart, t.offset(f));
        }
        ByteBuffer b = ByteBuffer.wrap(t.blob()).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> out = new ArrayList<>();
        for (int off = 0; off + 4 <= dataStart; off += 4) {
            out.add(b.getInt(off));
        }
        return out;
    }

    private List<Integer> indexes(IntPredicate p) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (p.test(words.get(i))) {
                at.add(i);
            }
        }
        return at;
    }

    private static IntPredicate is(int value, int mask) {
        return w -> (w & mask) == value;
    }

    private static int rt(int w) {
        return w & 0x1f;
    }

    private static int rn(int w) {
        return (w >>> 5) & 0x1f;
    }

    @Test
    void theDecoderRecognisesKnownEncodings() {
        // Words as GNU as assembles them (aarch64-linux-gnu-objdump): dc civac, x2 / dc ivac, x2 /
        // mrs x0, ctr_el0 / crc32x w0, w0, x3 / crc32b w0, w0, w3 / br x9 / crc32cx w0, w0, x3.
        assertTrue(is(DC_CIVAC, RT_MASK).test(0xd50b7e22));
        assertTrue(is(DC_IVAC, RT_MASK).test(0xd5087622));
        assertTrue(is(DC_CIVAC, RT_MASK).negate().test(0xd5087622), "IVAC is not CIVAC");
        assertTrue(is(MRS_CTR_EL0, RT_MASK).test(0xd53b0020));
        assertTrue(is(CRC32X, CRC_MASK).test(0x9ac34c00));
        assertTrue(is(CRC32B, CRC_MASK).test(0x1ac34000));
        assertTrue(is(CRC32X, CRC_MASK).negate().test(0x9ac35c00), "CRC32CX (Castagnoli) is not CRC32X");
        assertTrue(is(BR, BR_MASK).test(0xd61f0120));
    }

    @Test
    void readsTheDcacheLineSizeFromCtrEl0DminLine() {
        List<Integer> mrs = indexes(is(MRS_CTR_EL0, RT_MASK));
        assertEquals(1, mrs.size(), "one MRS Xt, CTR_EL0");
        int i = mrs.get(0);
        int next = words.get(i + 1);
        assertTrue(is(UBFX_16_4, UBFX_MASK).test(next) && rn(next) == rt(words.get(i)),
                "CTR_EL0 is followed by UBFX of bits [19:16] (DminLine) of the same register: 0x"
                        + Integer.toHexString(next));
    }

    @Test
    void cleansAndInvalidatesBeforeTheCopyAndInvalidatesAfterIt() {
        List<Integer> civac = indexes(is(DC_CIVAC, RT_MASK));
        List<Integer> ivac = indexes(is(DC_IVAC, RT_MASK));
        assertEquals(1, civac.size(), "one DC CIVAC loop, shared by every range");
        assertEquals(1, ivac.size(), "one DC IVAC loop, for the copied map");
        assertTrue(indexes(is(DSB_SY, 0xffffffff)).size() >= 5, "DSB SY after every maintenance step");
    }

    @Test
    void entersTheKernelAfterDsbIcIalluDsbIsb() {
        List<Integer> br = indexes(is(BR, BR_MASK));
        assertEquals(1, br.size(), "one BR: the jump to the kernel");
        List<Integer> ic = indexes(is(IC_IALLU, 0xffffffff));
        assertEquals(1, ic.size(), "one IC IALLU");
        int i = ic.get(0);
        assertEquals(DSB_SY, words.get(i - 1), "DSB SY before IC IALLU");
        assertTrue(is(DSB_ANY, DSB_MASK).test(words.get(i + 1)), "DSB after IC IALLU");
        assertEquals(ISB, words.get(i + 2), "ISB after that DSB");
        int gap = br.get(0) - (i + 2);
        assertTrue(gap > 0 && gap <= 8, "the BR follows the ISB closely (" + gap + " instructions)");
        // Between them only the hand-off registers are set: LDR Xt, <literal> (0x58000000 | imm19 << 5 | Rt)
        // and MOV Xd, XZR (ORR Xd, XZR, XZR = 0xaa1f03e0 | Rd); no store or maintenance may follow the ISB.
        for (int j = i + 3; j < br.get(0); j++) {
            int w = words.get(j);
            assertTrue((w & 0xff000000) == 0x58000000 || (w & 0xffffffe0) == 0xaa1f03e0,
                    "only literal loads and MOV Xd, XZR between the ISB and the BR: 0x" + Integer.toHexString(w));
        }
    }

    @Test
    void checksCrc32SupportAndUsesTheIeeeCrcInstructions() {
        List<Integer> id = indexes(is(MRS_ID_AA64ISAR0_EL1, RT_MASK));
        assertEquals(1, id.size(), "one MRS Xt, ID_AA64ISAR0_EL1");
        int i = id.get(0);
        int next = words.get(i + 1);
        assertTrue(is(UBFX_16_4, UBFX_MASK).test(next) && rn(next) == rt(words.get(i)),
                "ID_AA64ISAR0_EL1 is followed by UBFX of bits [19:16] (CRC32)");
        List<Integer> x = indexes(is(CRC32X, CRC_MASK));
        List<Integer> b = indexes(is(CRC32B, CRC_MASK));
        assertTrue(x.size() >= 1 && b.size() >= 1, "CRC32X " + x + ", CRC32B " + b);
        assertTrue(x.stream().allMatch(k -> k > i) && b.stream().allMatch(k -> k > i),
                "no CRC32 instruction runs before the feature test");
    }
}
