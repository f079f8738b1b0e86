package dev.jkboot.fdt.overlay;

/**
 * One place a {@code __fixups__} entry patches: "path:property:offset" (libfdt
 * {@code overlay_fixup_one_phandle}): the overlay node, its property, the byte offset of the cell.
 */
record FixupPlace(String path, String property, long offset) {
    private static final int MAX_OFFSET_DIGITS = 10;

    static FixupPlace parse(String place, String label) throws OverlayException {
        int first = place.indexOf(':');
        int second = first < 0 ? -1 : place.indexOf(':', first + 1);
        if (first <= 0 || second <= first + 1 || second == place.length() - 1) {
            throw new OverlayException("__fixups__/" + label + ": \"" + place + "\" is not path:property:offset");
        }
        String digits = place.substring(second + 1);
        if (digits.length() > MAX_OFFSET_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new OverlayException("__fixups__/" + label + ": \"" + place + "\" has no decimal offset");
        }
        return new FixupPlace(place.substring(0, first), place.substring(first + 1, second), Long.parseLong(digits));
    }
}
