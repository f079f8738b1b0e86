package dev.jkboot.host;

import dev.jkboot.fdt.Chosen;
import dev.jkboot.fdt.Fdt;
import dev.jkboot.fdt.FdtException;
import dev.jkboot.fdt.FdtNode;
import dev.jkboot.fdt.FdtProperty;
import dev.jkboot.fdt.FdtReader;
import dev.jkboot.fdt.ReservedRegion;
import dev.jkboot.mem.Range;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The device tree Linux was booted with ({@code /sys/firmware/fdt}): the blob as read (what a boot
 * may hand on to FreeBSD) and what it says. Under UEFI + ACPI the EFI stub's tree holds only
 * {@code /chosen}; a tree with other nodes describes the hardware.
 */
public record DeviceTree(byte[] blob, Fdt tree, Chosen chosen, List<Range> memory,
        List<ReservedRegion> reservedMemory, SecureBootMode secureBoot) {
    public static final String PATH = "/sys/firmware/fdt";
    /** QEMU's trees are 1 MiB; real boards' a few hundred KiB. */
    static final int MAX_BYTES = 8 << 20;

    public DeviceTree {
        blob = blob.clone();
        memory = List.copyOf(memory);
        reservedMemory = List.copyOf(reservedMemory);
    }

    /** A copy of the blob as Linux exported it. */
    @Override
    public byte[] blob() {
        return blob.clone();
    }

    public static DeviceTree read(HostRoot root) throws HostException {
        return parse(root.read(PATH, MAX_BYTES), root.show(PATH));
    }

    /** Parses {@code blob}; a malformed tree or property is a {@link HostException} at {@code where}. */
    public static DeviceTree parse(byte[] blob, String where) throws HostException {
        try {
            Fdt tree = FdtReader.read(blob, where);
            Optional<FdtProperty> secureBoot = tree.property("/chosen", "linux,uefi-secure-boot");
            return new DeviceTree(blob, tree, tree.chosen(), tree.memory(), tree.reservedMemory(),
                    secureBoot.isPresent() ? SecureBootMode.of(secureBoot.get().asU32(), where)
                            : SecureBootMode.UNSET);
        } catch (FdtException e) {
            String message = e.getMessage();
            String reason = message.startsWith(where + ": ")
                    ? message.substring(where.length() + 2) : message;
            throw new HostException(where, reason, e.fix(), e);
        }
    }

    /** Whether the tree has nodes besides {@code /chosen}, i.e. more than the EFI stub's skeleton. */
    public boolean describesHardware() {
        for (FdtNode n : tree.root().children()) {
            if (!n.name().equals("chosen")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the Linux EFI stub left any {@code linux,uefi-*} property: Linux came up via UEFI. */
    public boolean hasUefiProperties() {
        Optional<FdtNode> chosen = tree.node("/chosen");
        if (chosen.isPresent()) {
            for (FdtProperty p : chosen.get().properties()) {
                if (p.name().startsWith("linux,uefi-")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The path of the console node {@code /chosen/stdout-path} names (a path or an alias; options
     * after ':' ignored), when that node exists.
     */
    public Optional<String> consolePath() {
        if (chosen.stdoutPath().isEmpty()) {
            return Optional.empty();
        }
        String name = chosen.stdoutPath().get().split(":", 2)[0];
        Optional<String> path = Optional.of(name);
        if (!name.startsWith("/")) {
            Optional<FdtProperty> alias = tree.property("/aliases", name);
            path = alias.isPresent() ? string(alias.get()) : Optional.empty();
        }
        return path.isPresent() && path.get().startsWith("/") && tree.node(path.get()).isPresent() ? path
                : Optional.empty();
    }

    /** The register address of the console node, when it has a {@code reg}. */
    public OptionalLong consoleAddress() {
        Optional<String> path = consolePath();
        try {
            if (path.isPresent()) {
                List<Range> reg = tree.reg(path.get());
                return reg.isEmpty() ? OptionalLong.empty() : OptionalLong.of(reg.get(0).start());
            }
        } catch (FdtException e) {
            // A console node with a malformed reg names no address; the report shows the path.
        }
        return OptionalLong.empty();
    }

    private static Optional<String> string(FdtProperty p) {
        try {
            return Optional.of(p.asString());
        } catch (FdtException e) {
            return Optional.empty();
        }
    }

    /** Every node, the root included. */
    public int nodeCount() {
        return count(tree.root());
    }

    private static int count(FdtNode node) {
        int nodes = 1;
        for (FdtNode child : node.children()) {
            nodes += count(child);
        }
        return nodes;
    }

    /** The root's {@code model}, when it has one that is a string. */
    public Optional<String> model() {
        return rootStrings("model").flatMap(s -> s.size() == 1 ? Optional.of(s.get(0)) : Optional.empty());
    }

    /** The root's {@code compatible} list; empty when absent or not strings. */
    public List<String> compatible() {
        return rootStrings("compatible").orElse(List.of());
    }

    private Optional<List<String>> rootStrings(String name) {
        Optional<FdtProperty> p = tree.root().property(name);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(p.get().asStrings());
        } catch (FdtException e) {
            return Optional.empty();
        }
    }
}
