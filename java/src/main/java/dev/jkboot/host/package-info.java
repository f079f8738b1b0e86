/**
 * Host discovery: one small reader per file the running Linux exports ({@code /proc/iomem},
 * {@code /proc/meminfo}, {@code /sys/firmware/fdt}, the EFI system table, SMBIOS, ACPI, lockdown,
 * …), each a pure function over a {@link dev.jkboot.host.HostRoot} so it runs against captured
 * trees anywhere, each refusing malformed input with a {@link dev.jkboot.host.HostException} that
 * names the file and line. {@link dev.jkboot.host.HostDescription} gathers them all. Knows nothing
 * of how a boot is built.
 */
package dev.jkboot.host;
