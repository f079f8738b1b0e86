/**
 * The boot menu for a serial console, in plain text that a dumb serial line shows correctly: what
 * will boot, the autoboot countdown and single keys to change the boot. The menu logic
 * ({@link dev.jkboot.menu.BootMenu}) sees the console only through
 * {@link dev.jkboot.menu.Terminal}, so it is tested without one.
 */
package dev.jkboot.menu;
