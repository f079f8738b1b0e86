package dev.jkboot.menu;

import dev.jkboot.freebsd.Howto;
import dev.jkboot.loaderconf.AutobootDelay;
import dev.jkboot.loaderconf.LoaderConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny program for {@link LinuxTerminalPtyTest}: runs the menu on its real standard input and
 * output, then prints the choice and whether the terminal settings came back unchanged.
 * Argument: the autoboot_delay value.
 */
public final class MenuOnATerminal {
    private MenuOnATerminal() {}

    public static void main(String[] args) throws Exception {
        LoaderConfig config = new LoaderConfig("kernel", "/boot/kernel/kernel", Optional.empty(),
                List.of("kernel", "kernel.old"), List.of(), Map.of("vfs.root.mountfrom", "ufs:/dev/gpt/rootfs"),
                new Howto(Howto.RB_SERIAL), AutobootDelay.parse(args[0]).orElseThrow(), List.of());
        String before = sttyG();
        MenuChoice choice;
        try (LinuxTerminal terminal = LinuxTerminal.open(System.in, System.out)) {
            choice = new BootMenu(terminal).run(config);
        }
        System.out.println("CHOICE " + choice);
        System.out.println("RESTORED " + before.equals(sttyG()));
    }

    private static String sttyG() throws Exception {
        Process p = new ProcessBuilder("stty", "-g").redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out;
    }
}
