package dev.jkboot.cli;

import dev.jkboot.cli.args.Option;
import dev.jkboot.host.HostDescription;
import dev.jkboot.host.HostException;
import dev.jkboot.host.HostRoot;
import dev.jkboot.host.KernelCommandLine;
import dev.jkboot.verify.VerifyException;
import dev.jkboot.verify.VerifyPolicy;
import java.util.Optional;

/** {@code --verify require|strict}: raise the verified-boot policy for this run (docs/verified-boot.md). */
final class VerifyOption implements Option.Setter {
    String level;

    Option option() {
        return Option.value("--verify", "LEVEL", "Verify every file of the boot against signed manifests: "
                + "'require' (as FreeBSD's loader with trust anchors) or 'strict'. Only raises the policy of the "
                + "image and of the kernel command line (jkboot.verify=), never lowers it.", this);
    }

    @Override
    public void set(String name, String value) {
        level = value;
    }

    /** The policy of this host: its image, its kernel command line, then this option. */
    VerifyPolicy policy(HostDescription host) throws VerifyException {
        return policy(host.root(), host.commandLine().optional().map(KernelCommandLine::text));
    }

    /** The same before the host is described (its kernel command line read here; unreadable, none). */
    VerifyPolicy policy(HostRoot root) throws VerifyException {
        Optional<String> commandLine;
        try {
            commandLine = Optional.of(KernelCommandLine.read(root).text());
        } catch (HostException e) {
            commandLine = Optional.empty();
        }
        return policy(root, commandLine);
    }

    private VerifyPolicy policy(HostRoot root, Optional<String> kernelCommandLine) throws VerifyException {
        return VerifyPolicy.resolve(root.dir(), kernelCommandLine, Optional.ofNullable(level));
    }
}
