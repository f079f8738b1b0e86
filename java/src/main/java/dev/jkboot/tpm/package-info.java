/**
 * Measured boot: the digests of what jkboot hands to FreeBSD extended into a TPM 2.0's PCRs, with
 * a TCG event log of jkboot's own. The TPM is spoken to in its own command language (TPM 2.0
 * Library Part 3) through Linux's character device, so no daemon or library is needed; the device
 * is injected ({@link dev.jkboot.tpm.TpmTransport}), so everything here runs against a fake or
 * swtpm on any machine. PCRs and event types follow GRUB (docs/measured-boot.md).
 */
package dev.jkboot.tpm;
