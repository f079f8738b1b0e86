package dev.jkboot.cli;

import java.util.OptionalLong;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where the trampoline greets before entering the kernel: the host's own PL011 console ({@code
 * auto}), nowhere ({@code off}), or a PL011 at a given physical address.
 *
 * @param address empty for {@code auto}
 */
record TrampolineUart(OptionalLong address) {
    static final TrampolineUart AUTO = new TrampolineUart(OptionalLong.empty());

    long resolve(long hostConsole) {
        return address.orElse(hostConsole);
    }

    /** Parses the option's value; a bad one is a usage error naming what is accepted. */
    static final class Converter implements ITypeConverter<TrampolineUart> {
        @Override
        public TrampolineUart convert(String value) {
            switch (value) {
                case "auto":
                    return AUTO;
                case "off":
                    return new TrampolineUart(OptionalLong.of(0));
                default:
                    try {
                        return new TrampolineUart(OptionalLong.of(PhysicalAddress.parse(value)));
                    } catch (IllegalArgumentException e) {
                        throw new TypeConversionException("'" + value
                                + "' is not auto, off or a positive physical address such as 0x9000000");
                    }
            }
        }
    }
}
