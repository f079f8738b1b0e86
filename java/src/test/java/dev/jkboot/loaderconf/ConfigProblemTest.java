package dev.jkboot.loaderconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigProblemTest {
    private final ConfigProblem problem = new ConfigProblem("/boot/loader.conf", 4, "malformed line, skipped");

    @Test
    void equalWhenFileLineAndMessageAre() {
        ConfigProblem same = new ConfigProblem("/boot/loader.conf", 4, "malformed line, skipped");
        assertEquals(problem, same);
        assertEquals(problem.hashCode(), same.hashCode());
        assertNotEquals(problem, new ConfigProblem("/boot/loader.conf.local", 4, "malformed line, skipped"));
        assertNotEquals(problem, new ConfigProblem("/boot/loader.conf", 5, "malformed line, skipped"));
        assertNotEquals(problem, new ConfigProblem("/boot/loader.conf", 4, "other"));
        assertNotEquals(problem, (Object) problem.toString());
    }

    @Test
    void hashesTellFileLineAndMessageApart() {
        assertEquals(4, Set.of(problem, new ConfigProblem("/boot/loader.conf.local", 4, "malformed line, skipped"),
                new ConfigProblem("/boot/loader.conf", 5, "malformed line, skipped"),
                new ConfigProblem("/boot/loader.conf", 4, "other")).size());
        assertNotEquals(problem.hashCode(), new ConfigProblem("/boot/loader.conf", 5, "malformed line, skipped").hashCode());
        assertEquals("/boot/loader.conf:4: malformed line, skipped", problem.toString());
    }
}
