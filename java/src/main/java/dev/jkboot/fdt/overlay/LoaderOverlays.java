package dev.jkboot.fdt.overlay;

import dev.jkboot.fdt.Fdt;
import dev.jkboot.fdt.FdtException;
import dev.jkboot.fdt.FdtProperty;
import dev.jkboot.fdt.FdtReader;
import dev.jkboot.fdt.FdtWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * stand/fdt/fdt_loader_cmd.c {@code fdt_apply_overlays}: every loaded {@code dtbo} file, in load
 * order, checked against the tree's root {@code compatible} and applied; one that does not parse,
 * does not match or cannot be applied is reported and skipped, and the tree stays as it was
 * before it, as FreeBSD's loader goes on.
 */
public final class LoaderOverlays {
    /** One overlay file as loaded: its name for messages and its bytes. */
    public record Dtbo(String name, byte[] blob) {}

    private LoaderOverlays() {}

    /** The tree with the overlays applied; {@code base} itself when none applies. */
    public static byte[] apply(byte[] base, List<Dtbo> overlays, Consumer<String> log) {
        if (overlays.isEmpty()) {
            return base;
        }
        Fdt tree;
        try {
            tree = FdtReader.read(base, "the device tree FreeBSD gets");
        } catch (FdtException e) {
            log.accept("DTB overlays not applied: " + e.getMessage());
            return base;
        }
        boolean applied = false;
        for (Dtbo dtbo : overlays) {
            Fdt overlay;
            try {
                overlay = FdtReader.read(dtbo.blob(), dtbo.name());
            } catch (FdtException e) {
                log.accept("DTB overlay '" + dtbo.name() + "' skipped: " + e.getMessage());
                continue;
            }
            Optional<String> mismatch = incompatibility(tree, overlay);
            if (mismatch.isPresent()) {
                log.accept("DTB overlay '" + dtbo.name() + "' not compatible: " + mismatch.get() + "; skipped");
                continue;
            }
            log.accept("applying DTB overlay '" + dtbo.name() + "'");
            try {
                tree = FdtOverlay.apply(tree, overlay);
                applied = true;
            } catch (OverlayException e) {
                log.accept("failed to apply overlay '" + dtbo.name() + "': " + e.getMessage()
                        + "; the device tree stays as it was before it");
            }
        }
        return applied ? FdtWriter.write(tree) : base;
    }

    /**
     * {@code fdt_check_overlay_compatible}: an overlay without (or with an empty) root
     * {@code compatible} fits any tree; otherwise one of its strings must be among the base's,
     * and a base without a root {@code compatible} fits none.
     */
    static Optional<String> incompatibility(Fdt base, Fdt overlay) {
        Optional<FdtProperty> wanted = overlay.root().property("compatible");
        if (wanted.isEmpty() || wanted.get().isEmpty()) {
            return Optional.empty();
        }
        Optional<FdtProperty> have = base.root().property("compatible");
        if (have.isEmpty() || have.get().isEmpty()) {
            return Optional.of("the device tree has no root compatible to match");
        }
        try {
            List<String> haveList = have.get().asStrings();
            List<String> wantedList = wanted.get().asStrings();
            if (wantedList.stream().anyMatch(haveList::contains)) {
                return Optional.empty();
            }
            return Optional.of("it is for " + wantedList + ", the device tree is " + haveList);
        } catch (FdtException e) {
            return Optional.of("a root compatible is not a string list: " + e.getMessage());
        }
    }
}
