package dev.jkboot.zfs.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChecksumValueTest {
    @Test
    void equalExactlyWhenAllFourWordsAre() {
        ChecksumValue v = new ChecksumValue(1, 2, 3, 4);
        assertEquals(v, new ChecksumValue(1, 2, 3, 4));
        assertEquals(v.hashCode(), new ChecksumValue(1, 2, 3, 4).hashCode());
        assertNotEquals(v, new ChecksumValue(9, 2, 3, 4));
        assertNotEquals(v, new ChecksumValue(1, 9, 3, 4));
        assertNotEquals(v, new ChecksumValue(1, 2, 9, 4));
        assertNotEquals(v, new ChecksumValue(1, 2, 3, 9));
        assertNotEquals(v, (Object) v.toString());
    }

    @Test
    void hashesDependOnEveryWord() {
        Set<Integer> hashes = new HashSet<>();
        for (long[] w : new long[][] {{1, 2, 3, 4}, {9, 2, 3, 4}, {1, 9, 3, 4}, {1, 2, 9, 4}, {1, 2, 3, 9}}) {
            hashes.add(new ChecksumValue(w[0], w[1], w[2], w[3]).hashCode());
        }
        assertEquals(5, hashes.size());
        assertEquals("0000000000000001:0000000000000002:0000000000000003:0000000000000004",
                new ChecksumValue(1, 2, 3, 4).toString());
    }
}
