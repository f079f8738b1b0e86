package dev.jkboot.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A physical address on the command line: positive, decimal or 0x-hex. */
final class PhysicalAddress {
    private PhysicalAddress() {}

    /** @throws IllegalArgumentException for anything but a positive number */
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

    static final class Converter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
