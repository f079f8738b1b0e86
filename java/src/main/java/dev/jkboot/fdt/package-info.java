/**
 * Flattened device trees (DTB, versions 16 and 17): an immutable model ({@link dev.jkboot.fdt.Fdt}),
 * a bounds-checked reader, a writer that reproduces unmodified blobs byte for byte, and the few
 * typed views jkboot needs ({@code /chosen}, memory nodes, reserved memory). Knows nothing of hosts.
 *
 * <p>Every string in this package (node names, property names, string values, the strings block)
 * is decoded one byte per character (ISO-8859-1), so that any blob survives a read and a write
 * unchanged; device-tree strings are ASCII in practice.
 */
package dev.jkboot.fdt;
