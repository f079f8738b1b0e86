package dev.jkboot.fdt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One device-tree node: its name ({@code memory@40000000}; empty for the root), its properties and
 * its children, both in blob order. Immutable; the {@code with…} methods return modified copies.
 */
public record FdtNode(String name, List<FdtProperty> properties, List<FdtNode> children) {

    public FdtNode {
        Objects.requireNonNull(name, "name");
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("node name contains NUL: " + name);
        }
        properties = List.copyOf(properties);
        children = List.copyOf(children);
    }

    /** A node with neither properties nor children, to fill with the {@code with…} methods. */
    public static FdtNode empty(String name) {
        return new FdtNode(name, List.of(), List.of());
    }

    /** The name without its unit address: {@code memory} for {@code memory@40000000}. */
    public String baseName() {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }


    /** The first property of that name. */
    public Optional<FdtProperty> property(String propertyName) {
        for (FdtProperty p : properties) {
            if (p.name().equals(propertyName)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The child of exactly that name; failing that, the only child whose name without unit address
     * is {@code childName} ({@code cpus} finds {@code cpus}, {@code memory} finds a lone
     * {@code memory@40000000}). Empty when absent or ambiguous.
     */
    public Optional<FdtNode> child(String childName) {
        FdtNode onlyByBase = null;
        int byBase = 0;
        for (FdtNode c : children) {
            if (c.name.equals(childName)) {
                return Optional.of(c);
            }
            if (c.baseName().equals(childName)) {
                onlyByBase = c;
                byBase++;
            }
        }
        return byBase == 1 && childName.indexOf('@') < 0 ? Optional.of(onlyByBase) : Optional.empty();
    }

    /**
     * Whether the node is in use: no {@code status}, or status "okay" (or the older "ok"), compared
     * up to the first NUL as Linux does, so that a malformed status means "disabled", not an error.
     */
    public boolean isEnabled() {
        Optional<FdtProperty> status = property("status");
        return status.isEmpty() || statusSaysOkay(status.get());
    }

    private static boolean statusSaysOkay(FdtProperty status) {
        byte[] v = status.value();
        int end = 0;
        while (end < v.length && v[end] != 0) {
            end++;
        }
        String s = new String(v, 0, end, StandardCharsets.ISO_8859_1);
        return s.equals("okay") || s.equals("ok");
    }

    /** This node with {@code property} replacing the one of the same name, or added last. */
    public FdtNode withProperty(FdtProperty property) {
        List<FdtProperty> props = new ArrayList<>(properties);
        int i = indexOfProperty(property.name());
        if (i >= 0) {
            props.set(i, property);
        } else {
            props.add(property);
        }
        return new FdtNode(name, props, children);
    }

    /** This node without its property of that name (unchanged when there is none). */
    public FdtNode withoutProperty(String propertyName) {
        List<FdtProperty> props = new ArrayList<>(properties);
        int i = indexOfProperty(propertyName);
        if (i >= 0) {
            props.remove(i);
        }
        return new FdtNode(name, props, children);
    }

    /** This node with {@code child} replacing the child of exactly the same name, or added last. */
    public FdtNode withChild(FdtNode child) {
        List<FdtNode> kids = new ArrayList<>(children);
        int i = 0;
        while (i < kids.size() && !kids.get(i).name.equals(child.name)) {
            i++;
        }
        if (i < kids.size()) {
            kids.set(i, child);
        } else {
            kids.add(child);
        }
        return new FdtNode(name, properties, kids);
    }

    private int indexOfProperty(String propertyName) {
        for (int i = 0; i < properties.size(); i++) {
            if (properties.get(i).name().equals(propertyName)) {
                return i;
            }
        }
        return -1;
    }
}
