package dev.jkboot.host;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The configuration tables Linux found in the UEFI system table, from
 * {@code /sys/firmware/efi/systab}: lines {@code KEY=0xADDRESS} (ACPI20, ACPI, SMBIOS3, SMBIOS, …).
 * The file exists only when Linux was booted through UEFI.
 */
public record EfiSystab(List<Entry> entries) {
    public static final String PATH = "/sys/firmware/efi/systab";
    private static final int MAX_BYTES = 4096;
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** One configuration table: its key as Linux names it and its physical address. */
    public record Entry(String key, long address) {}

    public EfiSystab {
        entries = List.copyOf(entries);
    }

    public static EfiSystab read(HostRoot root) throws HostException {
        return parse(root.readText(PATH, MAX_BYTES), root.show(PATH));
    }

    public static EfiSystab parse(String text, String where) throws HostException {
        List<Entry> entries = new ArrayList<>();
        List<String> lines = TextLines.of(text);
        for (int i = 0; i < lines.size(); i++) {
            LineScanner scan = new LineScanner(lines.get(i));
            String key = scan.name(UPPER, UPPER + "0123456789_", Integer.MAX_VALUE);
            String hex = key != null && scan.literal("=0x") ? scan.digits(16, 16) : null;
            if (hex == null || !scan.atEnd()) {
                throw HostException.atLine(where, i + 1,
                        "\"%s\" is not KEY=0xADDRESS".formatted(lines.get(i)), "");
            }
            long address = Long.parseUnsignedLong(hex, 16);
            if (address < 0) {
                throw HostException.atLine(where, i + 1,
                        "0x%s is beyond any physical address".formatted(hex), "");
            }
            if (address(entries, key).isPresent()) {
                throw HostException.atLine(where, i + 1, key + " appears twice", "");
            }
            entries.add(new Entry(key, address));
        }
        return new EfiSystab(entries);
    }

    public OptionalLong address(String key) {
        return address(entries, key);
    }

    private static OptionalLong address(List<Entry> entries, String key) {
        for (Entry e : entries) {
            if (e.key().equals(key)) {
                return OptionalLong.of(e.address());
            }
        }
        return OptionalLong.empty();
    }

    /** The ACPI RSDP: the ACPI 2.0+ one when present, as kboot prefers it. */
    public OptionalLong rsdp() {
        OptionalLong acpi20 = address("ACPI20");
        return acpi20.isPresent() ? acpi20 : address("ACPI");
    }

    /** The SMBIOS entry point: the 64-bit SMBIOS 3 one when present. */
    public OptionalLong smbiosEntryPoint() {
        OptionalLong smbios3 = address("SMBIOS3");
        return smbios3.isPresent() ? smbios3 : address("SMBIOS");
    }
}
