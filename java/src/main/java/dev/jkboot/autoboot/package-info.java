/**
 * What {@code jkboot} does with no arguments, as FreeBSD's loader would: find the FreeBSD root
 * ({@link dev.jkboot.autoboot.RootLocation}), read its configuration, and turn the boot it
 * describes into a {@link dev.jkboot.boot.BootRequest} whose files come from that root
 * ({@link dev.jkboot.autoboot.ConfiguredBoot}). Everything is read-only.
 */
package dev.jkboot.autoboot;
