/**
 * Finding a FreeBSD root on the host's disks without mounting anything: block devices from
 * {@code /sys/block}, read-only positional reads, GPT / MBR / BSD-label partition tables, and the
 * choice of the partition to boot from. Knows nothing of file systems or kexec.
 */
package dev.jkboot.disk;
