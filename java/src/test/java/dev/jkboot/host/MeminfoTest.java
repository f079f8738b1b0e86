package dev.jkboot.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeminfoTest {
    static final String MEMINFO = """
            MemTotal:        2014124 kB
            MemFree:         1803372 kB
            MemAvailable:    1794460 kB
            Active(anon):       1332 kB
            CommitLimit:     1007060 kB
            Committed_AS:      21516 kB
            HugePages_Total:       0
            Hugepagesize:       2048 kB
            """;

    @Test
    void readsTheFourFiguresInBytes() throws HostException {
        Meminfo m = Meminfo.parse(MEMINFO, "meminfo");
        assertEquals(new Meminfo(2014124L * 1024, 1794460L * 1024, 1007060L * 1024, 21516L * 1024), m);
        assertEquals((1007060L - 21516L) * 1024, m.commitHeadroom());
    }

    @Test
    void overcommittedHostHasNoHeadroom() {
        assertEquals(0, new Meminfo(10, 5, 100, 200).commitHeadroom());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no colon     | MemTotal 2014124 kB                    | meminfo: line 1: "MemTotal 2014124 kB" is not NAME: NUMBER [kB]
            letters      | MemTotal:   20x4124 kB                 | meminfo: line 1: "MemTotal:   20x4124 kB" is not NAME: NUMBER [kB]
            wrong unit   | MemTotal:   2014124 MB                 | meminfo: line 1: "MemTotal:   2014124 MB" is not NAME: NUMBER [kB]
            no space     | MemTotal:2014124 kB                    | meminfo: line 1: "MemTotal:2014124 kB" is not NAME: NUMBER [kB]
            no number    | MemTotal:   kB                         | meminfo: line 1: "MemTotal:   kB" is not NAME: NUMBER [kB]
            19 digits    | MemTotal: 1234567890123456789          | meminfo: line 1: "MemTotal: 1234567890123456789" is not NAME: NUMBER [kB]
            odd name     | Mem-Total: 1 kB                        | meminfo: line 1: "Mem-Total: 1 kB" is not NAME: NUMBER [kB]
            no name      | : 1 kB                                 | meminfo: line 1: ": 1 kB" is not NAME: NUMBER [kB]
            huge         | MemTotal:   999999999999999999 kB      | meminfo: line 1: 999999999999999999 kB is more memory than exists
            twice        | MemTotal: 1 kB\\nMemTotal: 2 kB        | meminfo: line 2: MemTotal appears twice
            missing      | MemTotal: 1 kB\\nCommitLimit: 1 kB\\nCommitted_AS: 1 kB | meminfo: has no MemAvailable line
            empty        | ''                                     | meminfo: has no MemTotal line
            """)
    void junkIsATypedErrorWithTheLine(String name, String text, String expected) {
        HostException e = assertThrows(HostException.class,
                () -> Meminfo.parse(text.replace("\\n", "\n"), "meminfo"));
        assertEquals(expected, e.getMessage());
    }
}
