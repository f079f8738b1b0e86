/**
 * A strict ELF64 (little-endian) reader for kernels and modules: headers, program and section
 * headers, symbols, the dynamic section, relocations and reads through virtual addresses.
 *
 * <p>It knows ELF, not FreeBSD: deciding what is a kernel or a module and where it goes belongs to
 * the {@code freebsd} package. Every offset, count and size read from a file is checked against
 * the file before use, so any input either parses or fails with an {@link
 * dev.jkboot.elf.ElfException} that names the file, the place and the problem.
 */
package dev.jkboot.elf;
