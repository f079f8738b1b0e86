package dev.jkboot.cli;

/** A physical address on the command line: positive, decimal or 0x-hex. */
final class PhysicalAddress {
    private PhysicalAddress() {}

    /** @throws IllegalArgumentException for anything but a positive number, naming the accepted form */
    static long parse(String value) {
        try {
            long a = Long.decode(value);
            if (a > 0) {
                return a;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + value + "' is not a positive physical address such as 0x9000000");
    }
}
