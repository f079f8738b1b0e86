/**
 * Platform entropy for FreeBSD's random(4): bytes from Linux's getrandom(2) handed over as a
 * preloaded file of type {@code boot_entropy_platform}, which sys/dev/random/random_harvestq.c's
 * {@code random_harvestq_prime} feeds to Fortuna before any driver runs, as FreeBSD's EFI loader
 * does with the UEFI RNG protocol's bytes.
 */
package dev.jkboot.entropy;
