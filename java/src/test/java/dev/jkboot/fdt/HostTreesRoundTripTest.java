package dev.jkboot.fdt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The /sys/firmware/fdt of every captured host tree (src/test/resources/host) round-trips exactly. */
class HostTreesRoundTripTest {

    @Test
    void everyCapturedHostDeviceTreeRoundTripsByteForByte() throws Exception {
        URL hosts = HostTreesRoundTripTest.class.getResource("/host");
        assertNotNull(hosts, "no captured host trees on the test class path");
        List<Path> fdts;
        try (Stream<Path> dirs = Files.list(Path.of(hosts.toURI()))) {
            fdts = dirs.map(d -> d.resolve("sys/firmware/fdt")).filter(Files::isRegularFile).sorted().toList();
        }
        assertEquals(8, fdts.size(), fdts.toString());
        for (Path file : fdts) {
            byte[] blob = Files.readAllBytes(file);
            Fdt fdt = FdtReader.read(blob, file.toString());
            byte[] written = FdtWriter.write(fdt);
            assertArrayEquals(blob, written, file.toString());
            assertEquals(fdt, FdtReader.read(written, file.toString()), file.toString());
        }
    }
}
