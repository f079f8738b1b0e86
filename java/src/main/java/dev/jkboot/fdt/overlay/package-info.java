/**
 * Device-tree overlays ({@code .dtbo}) applied to the tree FreeBSD gets, as FreeBSD's loader
 * applies its {@code fdt_overlays} (stand/fdt/fdt_loader_cmd.c {@code fdt_apply_overlays}, which
 * calls libfdt's {@code fdt_overlay_apply}): overlay phandles shifted past the base's, local
 * references ({@code __local_fixups__}) shifted with them, references to base labels
 * ({@code __fixups__}) resolved through the base's {@code __symbols__}, each fragment's
 * {@code __overlay__} merged into its target, and the overlay's symbols added to the base's.
 * Node and property order follow libfdt's, so the result equals fdtoverlay's tree.
 */
package dev.jkboot.fdt.overlay;
