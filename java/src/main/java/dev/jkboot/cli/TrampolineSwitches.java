package dev.jkboot.cli;

import dev.jkboot.boot.BootHost;
import dev.jkboot.plan.TrampolineOptions;
import picocli.CommandLine.Option;

/** The trampoline's options, the same for {@code jkboot boot} and autoboot. */
final class TrampolineSwitches {
    @Option(names = "--trampoline-uart", paramLabel = "auto|off|ADDR", defaultValue = "auto",
            converter = TrampolineUart.Converter.class,
            description = "PL011 the trampoline greets on just before entering the kernel: auto (the host "
                    + "device tree's or SPCR's console), off, or a physical address (outside RAM).")
    TrampolineUart uart = TrampolineUart.AUTO;

    @Option(names = "--check-integrity",
            description = "Have the trampoline CRC every segment again just before entering the kernel, and halt "
                    + "(with a message on its UART) if any byte changed after kexec_load, e.g. by DMA. Costs a "
                    + "pass over the image with the MMU off.")
    boolean checkIntegrity;

    @Option(names = "--test-corrupt-after-load", paramLabel = "PA", hidden = true,
            converter = PhysicalAddress.Converter.class,
            description = "Test hook: the trampoline flips the byte at PA before its integrity check.")
    long corruptTestPhys;

    TrampolineOptions resolve(BootHost host) {
        return new TrampolineOptions(uart.resolve(host.uartPhys()), checkIntegrity, corruptTestPhys);
    }
}
