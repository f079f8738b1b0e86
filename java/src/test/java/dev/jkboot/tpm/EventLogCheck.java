package dev.jkboot.tpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.RequiredTool;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jkboot's event log read by tpm2-tools' tpm2_eventlog, an independent parser: it must find nothing
 * to warn about, and the PCR values it computes by replaying the log must be the TPM's.
 */
final class EventLogCheck {
    /** The TPM's value of a PCR in a bank, as upper-case hex. */
    interface Pcrs {
        String read(String bank, int pcr) throws Exception;
    }

    private static final Pattern BANK = Pattern.compile("^  (sha\\w+):$");
    private static final Pattern PCR = Pattern.compile("^    (\\d+)\\s*: 0x([0-9a-fA-F]+)$");

    private EventLogCheck() {}

    /** @return tpm2_eventlog's output, for further checks of the events */
    static String replayedEqualsTheTpm(Path log, Pcrs tpm) throws Exception {
        String out = Swtpm.run(List.of(RequiredTool.require("tpm2_eventlog").toString(), log.toString()));
        assertFalse(out.contains("WARN"), out);
        String replay = out.substring(out.indexOf("\npcrs:\n"));
        String bank = null;
        int compared = 0;
        for (String line : replay.split("\n")) {
            Matcher b = BANK.matcher(line);
            Matcher p = PCR.matcher(line);
            if (b.matches()) {
                bank = b.group(1);
            } else if (p.matches()) {
                assertEquals(tpm.read(bank, Integer.parseInt(p.group(1))), p.group(2).toUpperCase(),
                        bank + " PCR " + p.group(1) + " replayed from the log");
                compared++;
            }
        }
        assertTrue(compared > 0, out);
        return out;
    }
}
