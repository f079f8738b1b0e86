package dev.jkboot.cli;

import dev.jkboot.boot.BootHost;
import dev.jkboot.cli.args.Option;
import dev.jkboot.plan.TrampolineOptions;
import java.util.List;

/** The trampoline's options, the same for {@code jkboot boot} and autoboot. */
final class TrampolineSwitches implements Option.Setter {
    TrampolineUart uart = TrampolineUart.AUTO;
    boolean checkIntegrity;
    long corruptTestPhys;

    List<Option> options() {
        return List.of(
                Option.value("--trampoline-uart", "auto|off|ADDR", "PL011 the trampoline greets on just before "
                        + "entering the kernel: auto (the host device tree's or SPCR's console), off, or a physical "
                        + "address (outside RAM).", this),
                Option.flag("--check-integrity", "Have the trampoline CRC every segment again just before entering "
                        + "the kernel, and halt (with a message on its UART) if any byte changed after kexec_load, "
                        + "e.g. by DMA. Costs a pass over the image with the MMU off.", this),
                Option.value("--test-corrupt-after-load", "PA",
                        "Test hook: the trampoline flips the byte at PA before its integrity check.", this).hide());
    }

    @Override
    public void set(String name, String value) {
        switch (name) {
            case "--trampoline-uart" -> uart = TrampolineUart.parse(value);
            case "--check-integrity" -> checkIntegrity = true;
            case "--test-corrupt-after-load" -> corruptTestPhys = PhysicalAddress.parse(value);
            default -> throw new IllegalStateException("no option " + name);
        }
    }

    TrampolineOptions resolve(BootHost host) {
        return new TrampolineOptions(uart.resolve(host.uartPhys()), checkIntegrity, corruptTestPhys);
    }
}
