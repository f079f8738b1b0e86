package dev.jkboot.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void writesIndentedObjectsInInsertionOrder() {
        Json value = Json.object()
                .put("zeta", 1)
                .put("alpha", Json.hex(0x4000_0000L))
                .put("list", Json.array(List.of(Json.of(true), Json.Null.NULL, Json.of(-5))))
                .put("empty", Json.object().build())
                .put("none", Json.array(List.of()))
                .put("name", "x")
                .build();
        assertEquals("""
                {
                  "zeta": 1,
                  "alpha": "0x40000000",
                  "list": [
                    true,
                    null,
                    -5
                  ],
                  "empty": {},
                  "none": [],
                  "name": "x"
                }
                """, JsonWriter.write(value));
    }

    @Test
    void escapesAsRfc8259Requires() {
        assertEquals("\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f nul\\u0000 us\\u001f del\u007f é €\"\n",
                JsonWriter.write(Json.of("q\" b\\ n\n r\r t\t b\b f\f nul\0 us\u001f del\u007f é €")));
    }

    @Test
    void keepsSurrogatePairsAndEscapesLoneOnes() {
        assertEquals("\"\uD83D\uDE00 \\ud83d x \\ude00\"\n",
                JsonWriter.write(Json.of("\uD83D\uDE00 \uD83D x \uDE00")));
    }

    @Test
    void addressesAreLowercaseHexStringsAndLargeOnesStayExact() {
        assertEquals("\"0xffff000000000000\"\n", JsonWriter.write(Json.hex(0xffff_0000_0000_0000L)));
        assertEquals("\"0x0\"\n", JsonWriter.write(Json.hex(0)));
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.object().put("a", 1).put("a", 2).build());
    }

    @Test
    void whatItWritesReadsBackEqual() {
        Json value = Json.object()
                .put("s", "tab\there \"quoted\" \u0001")
                .put("n", Long.MIN_VALUE)
                .put("nested", Json.array(List.of(Json.object().put("k", false).build())))
                .build();
        assertEquals(value, JsonReader.read(JsonWriter.write(value)));
    }
}
