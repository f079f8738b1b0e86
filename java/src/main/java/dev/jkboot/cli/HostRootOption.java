package dev.jkboot.cli;

import dev.jkboot.cli.args.Option;
import dev.jkboot.host.HostException;
import dev.jkboot.host.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --host-root DIR}: the directory that stands for the host's {@code /}, for every command
 * that reads the host (a captured tree on a laptop, {@code /} on the LinuxBoot host).
 */
final class HostRootOption implements Option.Setter {
    Path dir = Path.of("/");

    Option option() {
        return Option.value("--host-root", "DIR", "Directory standing for the host's / (default: /).", this);
    }

    @Override
    public void set(String name, String value) {
        dir = Path.of(value);
    }

    HostRoot root() throws HostException {
        if (!Files.isDirectory(dir)) {
            throw new HostException(dir.toString(), "is not a directory",
                    "give --host-root the directory that stands for the host's /");
        }
        return new HostRoot(dir);
    }
}
