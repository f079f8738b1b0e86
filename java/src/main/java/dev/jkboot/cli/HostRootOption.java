package dev.jkboot.cli;

import dev.jkboot.host.HostException;
import dev.jkboot.host.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --host-root DIR}: the directory that stands for the host's {@code /}, for every command
 * that reads the host (a captured tree on a laptop, {@code /} on the LinuxBoot host).
 */
final class HostRootOption {
    @Option(names = "--host-root", paramLabel = "DIR", defaultValue = "/",
            description = "Directory standing for the host's / (default: ${DEFAULT-VALUE}).")
    Path dir;

    HostRoot root() throws HostException {
        if (!Files.isDirectory(dir)) {
            throw new HostException(dir.toString(), "is not a directory",
                    "give --host-root the directory that stands for the host's /");
        }
        return new HostRoot(dir);
    }
}
