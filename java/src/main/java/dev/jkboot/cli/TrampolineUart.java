package dev.jkboot.cli;

import java.util.OptionalLong;

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

    /** The option's value; a bad one is an IllegalArgumentException naming what is accepted. */
    static TrampolineUart parse(String value) {
        switch (value) {
            case "auto":
                return AUTO;
            case "off":
                return new TrampolineUart(OptionalLong.of(0));
            default:
                try {
                    return new TrampolineUart(OptionalLong.of(PhysicalAddress.parse(value)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + value
                            + "' is not auto, off or a positive physical address such as 0x9000000", e);
                }
        }
    }
}
