package dev.jkboot.smbios;

import dev.jkboot.host.Smbios;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel environment variables FreeBSD's loader derives from SMBIOS: stand/libsa/smbios.c's
 * {@code smbios_detect} (with SMBIOS_SERIAL_NUMBERS, which libsa's Makefile defines unless
 * BOOT_HIDE_SERIAL_NUMBERS) and kboot's main.c {@code find_smbios}, which adds
 * {@code hint.smbios.0.mem}, the entry point's physical address. The arm64 kernel reads some of
 * them early, e.g. {@code ptrauth_disable()} matches smbios.system.* against machines that trap.
 *
 * @param variables name to value, in the order the loader sets them
 * @param problems what was skipped, one message each: a malformed structure ends the walk (the
 *     variables of the structures before it are kept), a string index beyond its structure's strings
 *     leaves that variable unset
 */
public record SmbiosEnvironment(Map<String, String> variables, List<String> problems) {

    public SmbiosEnvironment {
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        problems = List.copyOf(problems);
    }

    /**
     * Decodes {@code table} (the DMI structure table) as {@code entry} describes it.
     *
     * @param entryPointPhys the entry point's physical address from the EFI system table, or 0 when
     *     unknown (then no {@code hint.smbios.0.mem}, as kboot sets none without it)
     */
    public static SmbiosEnvironment decode(Smbios entry, long entryPointPhys, byte[] table) {
        Decoder d = new Decoder(version(entry));
        if (entryPointPhys != 0) {
            d.set("hint.smbios.0.mem", "0x" + Long.toHexString(entryPointPhys));
        }
        SmbiosTable walked = SmbiosTable.walk(table, entry.tableSize(), entry.structureCount());
        // Loops and ifs, not lambdas: each lambda call site costs milliseconds at start-up under emulation (issue 12).
        for (SmbiosStructure s : walked.structures()) {
            d.structure(s);
        }
        if (walked.problem().isPresent()) {
            d.problems.add("SMBIOS " + walked.problem().get() + "; it and the structures after it skipped");
        }
        d.summary(entry.is64Bit());
        return new SmbiosEnvironment(d.vars, d.problems);
    }

    /**
     * The version as {@code smbios_probe} settles it, as (major << 8) | minor: a 32-bit entry point's
     * BCD revision when both its digits are decimal, else the entry point's major and minor bytes.
     */
    static int version(Smbios entry) {
        int bcd = entry.bcdRevision();
        if (bcd != 0 && (bcd >> 4) <= 9 && (bcd & 0x0f) <= 9) {
            return (bcd >> 4) << 8 | (bcd & 0x0f);
        }
        return (entry.major() & 0xff) << 8 | (entry.minor() & 0xff);
    }

    /** The walk's state: smbios.c's {@code struct smbios_attr} counters and the variables so far. */
    private static final class Decoder {
        private final int version;
        private final Map<String, String> vars = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        /** KiB, 32-bit unsigned and wrapping, as the loader's uint32_t counters are. */
        private int enabledMemory;
        private int oldEnabledMemory;
        /** 8-bit unsigned, as the loader's uint8_t counters are. */
        private int enabledSockets;
        private int populatedSockets;

        Decoder(int version) {
            this.version = version;
        }

        void set(String name, String value) {
            vars.put(name, value);
        }

        void string(SmbiosStructure s, String name, int at) {
            Optional<String> value = s.stringAt(at);
            if (value.isPresent()) {
                set(name, value.get());
            } else if (s.danglingString(at)) {
                problems.add("SMBIOS structure type %d at offset 0x%x: field 0x%02x names string %d of %d; %s not set"
                        .formatted(s.type(), s.offset(), at, s.byteAt(at).orElse(0), s.strings().size(), name));
            }
        }

        /** smbios.c {@code smbios_parse_table}: one structure's variables and counters. */
        void structure(SmbiosStructure s) {
            switch (s.type()) {
                case 0 -> {
                    string(s, "smbios.bios.vendor", 0x04);
                    string(s, "smbios.bios.version", 0x05);
                    string(s, "smbios.bios.reldate", 0x08);
                    int major = s.byteAt(0x14).orElse(0xff);
                    int minor = s.byteAt(0x15).orElse(0xff);
                    if (major != 0xff && minor != 0xff) {
                        set("smbios.bios.revision", major + "." + minor);
                    }
                }
                case 1 -> {
                    string(s, "smbios.system.maker", 0x04);
                    string(s, "smbios.system.product", 0x05);
                    string(s, "smbios.system.version", 0x06);
                    string(s, "smbios.system.serial", 0x07);
                    Optional<byte[]> uuid = s.bytesAt(0x08, 16);
                    Optional<String> formatted = uuid.isPresent() ? SmbiosUuid.format(uuid.get(), version)
                            : Optional.empty();
                    if (formatted.isPresent()) {
                        set("smbios.system.uuid", formatted.get());
                    }
                    if (version >= 0x0204) {
                        string(s, "smbios.system.sku", 0x19);
                        string(s, "smbios.system.family", 0x1a);
                    }
                }
                case 2 -> {
                    string(s, "smbios.planar.maker", 0x04);
                    string(s, "smbios.planar.product", 0x05);
                    string(s, "smbios.planar.version", 0x06);
                    string(s, "smbios.planar.serial", 0x07);
                    string(s, "smbios.planar.tag", 0x08);
                    string(s, "smbios.planar.location", 0x0a);
                }
                case 3 -> {
                    string(s, "smbios.chassis.maker", 0x04);
                    Optional<Integer> chassis = s.byteAt(0x05);
                    if (chassis.isPresent()) {
                        set("smbios.chassis.type", ChassisType.name(chassis.get()));
                    }
                    string(s, "smbios.chassis.version", 0x06);
                    string(s, "smbios.chassis.serial", 0x07);
                    string(s, "smbios.chassis.tag", 0x08);
                }
                case 4 -> {
                    string(s, "smbios.processor.version", 0x10);
                    int status = s.byteAt(0x18).orElse(0);
                    if ((status & 0x07) == 1) {
                        enabledSockets = (enabledSockets + 1) & 0xff;
                    }
                    if ((status & 0x40) != 0) {
                        populatedSockets = (populatedSockets + 1) & 0xff;
                    }
                }
                case 6 -> {
                    // Enabled Size: bits 6:0 are n for 2^n MiB; 0x7d-0x7f mean none.
                    int n = s.byteAt(0x0a).orElse(0) & 0x7f;
                    if (n > 0 && n < 22) {
                        oldEnabledMemory += 1 << (n + 10);
                    }
                }
                case 17 -> {
                    // Size: bit 15 set means KiB, clear means MiB; 0 is "no device", 0xffff "unknown".
                    int size = s.wordAt(0x0c).orElse(0);
                    if (size != 0 && size != 0xffff) {
                        enabledMemory += (size & 0x8000) != 0 ? size & 0x7fff : size << 10;
                    }
                }
                default -> { }
            }
        }

        /** The variables {@code smbios_detect} sets after the walk. */
        void summary(boolean is64Bit) {
            set("smbios.entry_point_type", is64Bit ? "v3 (64-bit)" : "v2.1 (32-bit)");
            set("smbios.version", (version >> 8) + "." + (version & 0xff));
            if (enabledMemory != 0 || oldEnabledMemory != 0) {
                set("smbios.memory.enabled", Integer.toUnsignedString(enabledMemory != 0 ? enabledMemory
                        : oldEnabledMemory));
            }
            if (enabledSockets > 0) {
                set("smbios.socket.enabled", Integer.toString(enabledSockets));
            }
            if (populatedSockets > 0) {
                set("smbios.socket.populated", Integer.toString(populatedSockets));
            }
        }
    }
}
