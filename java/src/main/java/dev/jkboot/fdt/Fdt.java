package dev.jkboot.fdt;

import dev.jkboot.mem.Range;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A flattened device tree: the node tree, the memory-reservation block, the boot CPU, and, for a
 * tree read from a blob, the {@link FdtLayout} that lets the writer reproduce that blob exactly.
 *
 * <p>Paths are absolute ({@code /chosen}, {@code /cpus/cpu@0}); a component without unit address
 * also finds the only child with that base name ({@code /memory} → {@code /memory@40000000}).
 * Edits return new trees; they keep the layout's placement and strings, not its token facts.
 */
public record Fdt(
        FdtNode root, List<MemoryReservation> reservations, long bootCpuidPhys, Optional<FdtLayout> layout) {

    private static final byte[] MEMORY = "memory\0".getBytes(StandardCharsets.ISO_8859_1);

    public Fdt {
        Objects.requireNonNull(root, "root");
        reservations = List.copyOf(reservations);
        Objects.requireNonNull(layout, "layout");
        if (bootCpuidPhys >>> 32 != 0) {
            throw new IllegalArgumentException("boot CPU id 0x%x does not fit 32 bits".formatted(bootCpuidPhys));
        }
    }

    /** A new tree, with no reservations, boot CPU 0 and no layout to preserve. */
    public static Fdt of(FdtNode root) {
        return new Fdt(root, List.of(), 0, Optional.empty());
    }

    /** The node at {@code path}; empty when absent or when a unit-address-less name is ambiguous. */
    public Optional<FdtNode> node(String path) {
        Optional<List<FdtNode>> chain = chain(path);
        return chain.isPresent() ? Optional.of(chain.get().get(chain.get().size() - 1)) : Optional.empty();
    }

    /** The property {@code name} of the node at {@code nodePath}. */
    public Optional<FdtProperty> property(String nodePath, String name) {
        Optional<FdtNode> node = node(nodePath);
        return node.isPresent() ? node.get().property(name) : Optional.empty();
    }

    /**
     * The node's {@code reg} as ranges, decoded with its parent's {@code #address-cells} and
     * {@code #size-cells} (defaults 2 and 1). With {@code #size-cells = 0} the ranges are empty
     * and only their start counts. Empty when the node has no {@code reg}; an error when there
     * is no such node or its {@code reg} does not fit the cells.
     */
    public List<Range> reg(String path) throws FdtException {
        // An if, not orElseThrow with a lambda: the host reads reg at every boot, and each lambda call
        // site costs milliseconds at start-up under emulation (issue 12).
        Optional<List<FdtNode>> found = chain(path);
        if (found.isEmpty()) {
            throw new FdtException("the device tree has no node " + path, FdtException.BINDING_FIX);
        }
        List<FdtNode> chain = found.get();
        FdtNode parent = chain.size() > 1 ? chain.get(chain.size() - 2) : root;
        return reg(parent, chain.get(chain.size() - 1), pathOf(chain));
    }

    /** The root's child of exactly that name. */
    private Optional<FdtNode> rootChild(String name) {
        for (FdtNode c : root.children()) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** What {@code /chosen} says; all empty when the tree has no {@code /chosen}. */
    public Chosen chosen() throws FdtException {
        Optional<FdtNode> chosen = rootChild("chosen");
        return chosen.isPresent() ? Chosen.of(chosen.get()) : Chosen.none();
    }

    /**
     * RAM as the memory nodes describe it: the non-empty {@code reg} ranges of the root's enabled
     * children with {@code device_type = "memory"}, in tree order (where Linux looks, too).
     */
    public List<Range> memory() throws FdtException {
        List<Range> ram = new ArrayList<>();
        for (FdtNode child : root.children()) {
            Optional<FdtProperty> deviceType = child.property("device_type");
            if (child.isEnabled() && deviceType.isPresent() && saysMemory(deviceType.get())) {
                for (Range r : reg(root, child, "/" + child.name())) {
                    if (!r.isEmpty()) {
                        ram.add(r);
                    }
                }
            }
        }
        return ram;
    }

    /**
     * The statically placed regions under {@code /reserved-memory} (enabled children with
     * {@code reg}); children that only ask for a size are allocated by Linux and are not listed.
     */
    public List<ReservedRegion> reservedMemory() throws FdtException {
        List<ReservedRegion> regions = new ArrayList<>();
        Optional<FdtNode> parent = rootChild("reserved-memory");
        if (parent.isEmpty()) {
            return regions;
        }
        for (FdtNode child : parent.get().children()) {
            if (!child.isEnabled()) {
                continue;
            }
            String path = "/reserved-memory/" + child.name();
            boolean noMap = child.property("no-map").isPresent();
            for (Range r : reg(parent.get(), child, path)) {
                if (!r.isEmpty()) {
                    regions.add(new ReservedRegion(path, r, noMap));
                }
            }
        }
        return regions;
    }

    /** This tree with {@code property} set on the node at {@code nodePath}, which must exist. */
    public Fdt withProperty(String nodePath, FdtProperty property) {
        return edited(nodePath, n -> n.withProperty(property));
    }

    /** This tree without the property {@code name} of the node at {@code nodePath}, which must exist. */
    public Fdt withoutProperty(String nodePath, String name) {
        return edited(nodePath, n -> n.withoutProperty(name));
    }

    /** This tree with {@code node} added under (or replacing its namesake under) {@code parentPath}. */
    public Fdt withNode(String parentPath, FdtNode node) {
        return edited(parentPath, p -> p.withChild(node));
    }

    private Fdt edited(String path, UnaryOperator<FdtNode> change) {
        List<FdtNode> chain = chain(path).orElseThrow(
                () -> new IllegalArgumentException("no device-tree node " + path + " to edit"));
        FdtNode replacement = change.apply(chain.get(chain.size() - 1));
        for (int i = chain.size() - 1; i > 0; i--) {
            FdtNode parent = chain.get(i - 1);
            List<FdtNode> children = new ArrayList<>(parent.children());
            children.set(indexOfInstance(children, chain.get(i)), replacement);
            replacement = new FdtNode(parent.name(), parent.properties(), children);
        }
        return new Fdt(replacement, reservations, bootCpuidPhys, layout.map(FdtLayout::withoutTokenFacts));
    }

    private static int indexOfInstance(List<FdtNode> nodes, FdtNode node) {
        int i = 0;
        while (nodes.get(i) != node) {
            i++;
        }
        return i;
    }

    /** The nodes from the root down to {@code path}. */
    private Optional<List<FdtNode>> chain(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("device-tree paths are absolute: " + path);
        }
        List<FdtNode> chain = new ArrayList<>();
        chain.add(root);
        for (String component : path.split("/")) {
            if (component.isEmpty()) {
                continue;
            }
            Optional<FdtNode> next = chain.get(chain.size() - 1).child(component);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            chain.add(next.get());
        }
        return Optional.of(chain);
    }

    private static String pathOf(List<FdtNode> chain) {
        StringBuilder path = new StringBuilder();
        for (FdtNode n : chain.subList(1, chain.size())) {
            path.append('/').append(n.name());
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    private static List<Range> reg(FdtNode parent, FdtNode node, String path) throws FdtException {
        try {
            Optional<FdtProperty> reg = node.property("reg");
            if (reg.isEmpty()) {
                return List.of();
            }
            int addressCells = cells(parent, "#address-cells", 2, 1);
            int sizeCells = cells(parent, "#size-cells", 1, 0);
            long[] cells = reg.get().asCells();
            int entry = addressCells + sizeCells;
            if (cells.length % entry != 0) {
                throw new FdtException("property reg has %d cells, not a whole number of %d-cell entries"
                        .formatted(cells.length, entry) + " (#address-cells %d, #size-cells %d of the parent)"
                        .formatted(addressCells, sizeCells), FdtException.BINDING_FIX);
            }
            List<Range> ranges = new ArrayList<>();
            for (int i = 0; i < cells.length; i += entry) {
                long address = number(cells, i, addressCells);
                long size = number(cells, i + addressCells, sizeCells);
                if (Long.compareUnsigned(address + size, address) < 0) {
                    throw new FdtException("property reg: 0x%x bytes at 0x%x run past 2^64"
                            .formatted(size, address), FdtException.BINDING_FIX);
                }
                ranges.add(Range.ofSize(address, size));
            }
            return ranges;
        } catch (FdtException e) {
            throw e.within(path);
        }
    }

    /** A parent's cell count for its children's {@code reg}: at most two cells fit 64 bits. */
    private static int cells(FdtNode parent, String name, int absent, int min) throws FdtException {
        Optional<FdtProperty> p = parent.property(name);
        long n = p.isPresent() ? p.get().asU32() : absent;
        if (n < min || n > 2) {
            throw new FdtException("the parent's %s is %d; jkboot reads reg with %d to 2 cells"
                    .formatted(name, n, min), FdtException.BINDING_FIX);
        }
        return (int) n;
    }

    private static long number(long[] cells, int from, int count) {
        long n = 0;
        for (int i = from; i < from + count; i++) {
            n = n << 32 | cells[i];
        }
        return n;
    }

    private static boolean saysMemory(FdtProperty deviceType) {
        return Arrays.equals(deviceType.value(), MEMORY);
    }
}
