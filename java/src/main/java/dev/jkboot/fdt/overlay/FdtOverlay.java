package dev.jkboot.fdt.overlay;

import dev.jkboot.fdt.Fdt;
import dev.jkboot.fdt.FdtException;
import dev.jkboot.fdt.FdtProperty;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** libfdt's {@code fdt_overlay_apply} (libfdt/fdt_overlay.c) over a copy of the trees; see the package description. */
public final class FdtOverlay {
    private static final String OVERLAY = "__overlay__";
    private static final String SYMBOLS = "__symbols__";
    private static final long NO_PHANDLE = 0xffff_ffffL;

    private FdtOverlay() {}

    /** {@code base} with {@code overlay} applied; neither input changes, and on an error nothing is returned. */
    public static Fdt apply(Fdt base, Fdt overlay) throws OverlayException {
        TreeNode tree = TreeNode.of(base.root());
        TreeNode ov = TreeNode.of(overlay.root());
        long delta = maxPhandle(tree);
        shiftPhandles(ov, delta);
        Optional<TreeNode> local = find(ov, "/__local_fixups__");
        if (local.isPresent()) {
            shiftLocalReferences(ov, local.get(), delta);
        }
        resolveFixups(tree, ov);
        for (TreeNode fragment : List.copyOf(ov.children)) {
            Optional<TreeNode> content = fragment.child(OVERLAY);
            if (content.isPresent()) {
                merge(target(tree, fragment), content.get());
            }
        }
        addSymbols(tree, ov);
        return new Fdt(tree.freeze(), base.reservations(), base.bootCpuidPhys(), Optional.empty());
    }

    /** {@code fdt_find_max_phandle}: the largest phandle in the tree, 0 when none. */
    private static long maxPhandle(TreeNode root) {
        List<TreeNode> all = new ArrayList<>();
        root.collect(all);
        return all.stream().mapToLong(TreeNode::phandle).filter(p -> p != NO_PHANDLE).max().orElse(0);
    }

    /** {@code overlay_adjust_local_phandles}: every phandle of the overlay moves past the base's. */
    private static void shiftPhandles(TreeNode ov, long delta) throws OverlayException {
        List<TreeNode> all = new ArrayList<>();
        ov.collect(all);
        for (TreeNode n : all) {
            for (String name : List.of("phandle", "linux,phandle")) {
                if (n.property(name).isEmpty()) {
                    continue;
                }
                if (n.property(name).get().length() != 4) {
                    throw new OverlayException(n.path() + ": " + name + " is not a 4-byte cell");
                }
                long shifted = n.cell(name, 0, "phandle") + delta;
                if (shifted >= NO_PHANDLE) {
                    throw new OverlayException(n.path() + ": " + name + " + 0x" + Long.toHexString(delta)
                            + " runs out of phandles");
                }
                n.setCell(name, 0, shifted, "phandle");
            }
        }
    }

    /**
     * {@code overlay_update_local_references}: {@code __local_fixups__} mirrors the overlay's nodes;
     * each of its properties lists the byte offsets of cells in the namesake property that hold
     * an overlay phandle, which moves by the same delta.
     */
    private static void shiftLocalReferences(TreeNode node, TreeNode fixups, long delta) throws OverlayException {
        for (FdtProperty offsets : fixups.properties) {
            byte[] v = offsets.value();
            if (v.length % 4 != 0) {
                throw new OverlayException("__local_fixups__ of " + node.path() + ": " + offsets.name()
                        + " is not a list of 32-bit offsets");
            }
            for (int i = 0; i < v.length; i += 4) {
                long offset = ByteBuffer.wrap(v).getInt(i) & 0xffff_ffffL;
                String where = "__local_fixups__";
                node.setCell(offsets.name(), offset, (node.cell(offsets.name(), offset, where) + delta) & NO_PHANDLE,
                        where);
            }
        }
        for (TreeNode fixupChild : fixups.children) {
            TreeNode child = node.child(fixupChild.name).orElseThrow(() -> new OverlayException(
                    "__local_fixups__ names " + fixupChild.name + " under " + node.path() + ", which the overlay lacks"));
            shiftLocalReferences(child, fixupChild, delta);
        }
    }

    /** {@code overlay_fixup_phandles}: each {@code __fixups__} label's places get the base node's phandle. */
    private static void resolveFixups(TreeNode tree, TreeNode ov) throws OverlayException {
        Optional<TreeNode> fixups = find(ov, "/__fixups__");
        if (fixups.isEmpty()) {
            return;
        }
        Optional<TreeNode> symbols = find(tree, "/" + SYMBOLS);
        for (FdtProperty label : fixups.get().properties) {
            if (symbols.isEmpty()) {
                throw new OverlayException("it refers to the base's label '" + label.name()
                        + "', but the base tree has no /__symbols__ (it was not built with dtc -@)");
            }
            FdtProperty symbol = symbols.get().property(label.name()).orElseThrow(() -> new OverlayException(
                    "it refers to the label '" + label.name() + "', which the base tree's /__symbols__ lacks"));
            String path = string(symbol, "/__symbols__/" + label.name());
            TreeNode node = find(tree, path).orElseThrow(() -> new OverlayException("the base's label '"
                    + label.name() + "' names " + path + ", which is not in the base tree"));
            long phandle = node.phandle();
            if (phandle == 0 || phandle == NO_PHANDLE) {
                throw new OverlayException("the base node " + path + " (label '" + label.name()
                        + "') has no phandle to refer to");
            }
            for (String text : strings(label, "/__fixups__/" + label.name())) {
                FixupPlace place = FixupPlace.parse(text, label.name());
                TreeNode at = find(ov, place.path()).orElseThrow(() -> new OverlayException("__fixups__/"
                        + label.name() + " patches " + place.path() + ", which the overlay lacks"));
                at.setCell(place.property(), place.offset(), phandle, "__fixups__/" + label.name());
            }
        }
    }

    /** {@code overlay_get_target}: the base node a fragment's {@code target} phandle, else {@code target-path}, names. */
    private static TreeNode target(TreeNode tree, TreeNode fragment) throws OverlayException {
        Optional<FdtProperty> phandle = fragment.property("target");
        if (phandle.isPresent()) {
            long value = phandle.get().length() == 4 ? fragment.cell("target", 0, fragment.name) : NO_PHANDLE;
            if (value == NO_PHANDLE) {
                throw new OverlayException(fragment.name + ": target is not a 4-byte phandle");
            }
            if (value != 0) {
                List<TreeNode> all = new ArrayList<>();
                tree.collect(all);
                return all.stream().filter(n -> n.phandle() == value).findFirst().orElseThrow(() ->
                        new OverlayException(fragment.name + ": target phandle 0x" + Long.toHexString(value)
                                + " is no node of the base tree"));
            }
        }
        Optional<FdtProperty> path = fragment.property("target-path");
        if (path.isEmpty()) {
            throw new OverlayException(fragment.name + " has neither target nor target-path");
        }
        String p = string(path.get(), fragment.name + "/target-path");
        return find(tree, p).orElseThrow(() -> new OverlayException(fragment.name + ": target-path " + p
                + " is not in the base tree"));
    }

    /** {@code overlay_apply_node}: properties set, then children merged (added where missing), recursively. */
    private static void merge(TreeNode target, TreeNode content) {
        for (FdtProperty p : content.properties) {
            target.set(p);
        }
        for (TreeNode child : content.children) {
            merge(target.childOrAdd(child.name), child);
        }
    }

    /**
     * {@code overlay_symbol_update}: the overlay's symbols join the base's, rewritten to where their
     * fragment landed; symbols outside any fragment's {@code __overlay__} are left out, as libfdt does.
     */
    private static void addSymbols(TreeNode tree, TreeNode ov) throws OverlayException {
        Optional<TreeNode> symbols = ov.child(SYMBOLS);
        if (symbols.isEmpty()) {
            return;
        }
        for (FdtProperty symbol : symbols.get().properties) {
            String path = string(symbol, "/__symbols__/" + symbol.name());
            if (!path.startsWith("/")) {
                throw new OverlayException("symbol " + symbol.name() + " is \"" + path + "\", not an absolute path");
            }
            int slash = path.indexOf('/', 1);
            if (slash < 0) {
                continue;
            }
            String rest = path.substring(slash);
            String relative;
            if (rest.startsWith("/" + OVERLAY + "/") && rest.length() > OVERLAY.length() + 2) {
                relative = rest.substring(OVERLAY.length() + 2);
            } else if (rest.equals("/" + OVERLAY)) {
                relative = "";
            } else {
                continue;
            }
            String fragmentName = path.substring(1, slash);
            TreeNode fragment = ov.child(fragmentName).orElseThrow(() -> new OverlayException("symbol "
                    + symbol.name() + " lies in " + fragmentName + ", which the overlay lacks"));
            if (fragment.child(OVERLAY).isEmpty()) {
                throw new OverlayException("symbol " + symbol.name() + " lies in " + fragmentName
                        + ", which has no __overlay__");
            }
            String target = target(tree, fragment).path();
            // libfdt puts a '/' after any target but the root, even before an empty relative path.
            String value = target + (target.length() > 1 ? "/" : "") + relative;
            tree.childOrAdd(SYMBOLS).set(FdtProperty.ofString(symbol.name(), value));
        }
    }

    /** {@code fdt_path_offset} for absolute paths: each component is the first child answering to it. */
    static Optional<TreeNode> find(TreeNode root, String path) throws OverlayException {
        if (!path.startsWith("/")) {
            throw new OverlayException("\"" + path + "\" is not an absolute node path (aliases are not followed)");
        }
        TreeNode node = root;
        for (String component : path.split("/")) {
            if (component.isEmpty()) {
                continue;
            }
            Optional<TreeNode> next = node.child(component);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            node = next.get();
        }
        return Optional.of(node);
    }

    /** A property's value as one NUL-terminated string. */
    static String string(FdtProperty p, String where) throws OverlayException {
        try {
            return p.asString();
        } catch (FdtException e) {
            throw new OverlayException(where + " is not one NUL-terminated string");
        }
    }

    /** A property's value as NUL-terminated strings. */
    static List<String> strings(FdtProperty p, String where) throws OverlayException {
        try {
            return p.asStrings();
        } catch (FdtException e) {
            throw new OverlayException(where + " is not a list of NUL-terminated strings");
        }
    }
}
