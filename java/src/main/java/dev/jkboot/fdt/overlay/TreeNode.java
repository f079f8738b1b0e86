package dev.jkboot.fdt.overlay;

import dev.jkboot.fdt.FdtNode;
import dev.jkboot.fdt.FdtProperty;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A device-tree node that an overlay edits in place, with libfdt's placement rules: a property
 * set anew goes first in its node ({@code fdt_add_property_} splices it right after the node's
 * name), a node added goes first among its siblings ({@code fdt_add_subnode} puts it after the
 * parent's properties). Only this package sees it; the result leaves as an immutable {@link FdtNode}.
 */
final class TreeNode {
    final String name;
    final TreeNode parent;
    final List<FdtProperty> properties;
    final List<TreeNode> children = new ArrayList<>();

    private TreeNode(String name, TreeNode parent, List<FdtProperty> properties) {
        this.name = name;
        this.parent = parent;
        this.properties = new ArrayList<>(properties);
    }

    static TreeNode of(FdtNode node) {
        return copy(node, null);
    }

    private static TreeNode copy(FdtNode node, TreeNode parent) {
        TreeNode n = new TreeNode(node.name(), parent, node.properties());
        for (FdtNode child : node.children()) {
            n.children.add(copy(child, n));
        }
        return n;
    }

    FdtNode freeze() {
        List<FdtNode> kids = new ArrayList<>();
        for (TreeNode c : children) {
            kids.add(c.freeze());
        }
        return new FdtNode(name, properties, kids);
    }

    Optional<FdtProperty> property(String propertyName) {
        return properties.stream().filter(p -> p.name().equals(propertyName)).findFirst();
    }

    /** libfdt {@code fdt_setprop}: replaced where it is, or added first. */
    void set(FdtProperty property) {
        for (int i = 0; i < properties.size(); i++) {
            if (properties.get(i).name().equals(property.name())) {
                properties.set(i, property);
                return;
            }
        }
        properties.add(0, property);
    }

    /** The 32-bit big-endian cell at byte {@code offset} of a property, which must hold it. */
    long cell(String propertyName, long offset, String where) throws OverlayException {
        byte[] v = requireCell(propertyName, offset, where);
        return ByteBuffer.wrap(v).getInt((int) offset) & 0xffff_ffffL;
    }

    /** libfdt {@code fdt_setprop_inplace_namelen_partial} of one cell. */
    void setCell(String propertyName, long offset, long value, String where) throws OverlayException {
        byte[] v = requireCell(propertyName, offset, where);
        ByteBuffer.wrap(v).putInt((int) offset, (int) value);
        set(new FdtProperty(propertyName, v));
    }

    private byte[] requireCell(String propertyName, long offset, String where) throws OverlayException {
        FdtProperty p = property(propertyName).orElseThrow(() -> new OverlayException(where + ": " + path()
                + " has no property " + propertyName));
        byte[] v = p.value();
        if (offset < 0 || offset + 4 > v.length) {
            throw new OverlayException("%s: offset %d of %s/%s is not inside its %d bytes".formatted(where, offset,
                    path(), propertyName, v.length));
        }
        return v;
    }

    /**
     * The first child libfdt's {@code fdt_subnode_offset} finds: the exact name, or for a name
     * without unit address also {@code name@...}.
     */
    Optional<TreeNode> child(String wanted) {
        return children.stream().filter(c -> nameMatches(c.name, wanted)).findFirst();
    }

    /** libfdt {@code fdt_add_subnode}, or the child that already answers to the name. */
    TreeNode childOrAdd(String childName) {
        Optional<TreeNode> existing = child(childName);
        if (existing.isPresent()) {
            return existing.get();
        }
        TreeNode added = new TreeNode(childName, this, List.of());
        children.add(0, added);
        return added;
    }

    /** {@code fdt_get_phandle}: "phandle", else "linux,phandle"; 0 when neither is a 4-byte cell. */
    long phandle() {
        Optional<FdtProperty> p = property("phandle").or(() -> property("linux,phandle"));
        if (p.isEmpty() || p.get().length() != 4) {
            return 0;
        }
        return ByteBuffer.wrap(p.get().value()).getInt() & 0xffff_ffffL;
    }

    String path() {
        if (parent == null) {
            return "/";
        }
        String up = parent.path();
        return (up.equals("/") ? "" : up) + "/" + name;
    }

    /** Every node of this subtree, this one first, in blob order. */
    void collect(List<TreeNode> out) {
        out.add(this);
        for (TreeNode c : children) {
            c.collect(out);
        }
    }

    static boolean nameMatches(String name, String wanted) {
        return name.equals(wanted) || (wanted.indexOf('@') < 0 && name.startsWith(wanted + "@"));
    }
}
