package dev.jkboot.kld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleVersionTest {
    @Test
    void equalWhenNameAndVersionAre() {
        ModuleVersion a = new ModuleVersion("jkhelper", 2);
        assertEquals(a, new ModuleVersion("jkhelper", 2));
        assertEquals(a.hashCode(), new ModuleVersion("jkhelper", 2).hashCode());
        assertNotEquals(a, new ModuleVersion("jkhelper", 3));
        assertNotEquals(a, new ModuleVersion("jkother", 2));
        assertNotEquals(a, (Object) "jkhelper.2");
    }

    @Test
    void hashesTellVersionsAndNamesApart() {
        assertEquals(4, Set.of(new ModuleVersion("a", 1), new ModuleVersion("a", 2), new ModuleVersion("b", 1),
                new ModuleVersion("b", 2)).size());
        assertNotEquals(new ModuleVersion("a", 1).hashCode(), new ModuleVersion("a", 2).hashCode());
        assertNotEquals(new ModuleVersion("a", 1).hashCode(), new ModuleVersion("b", 1).hashCode());
        assertEquals("a.1", new ModuleVersion("a", 1).toString());
    }
}
