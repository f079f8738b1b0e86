/**
 * The host's SMBIOS tables decoded into the {@code smbios.*} kernel environment variables that
 * FreeBSD's loader sets (stand/libsa/smbios.c {@code smbios_detect}, called by kboot's main.c
 * {@code find_smbios}). Pure functions over the entry point and the table bytes Linux exports in
 * {@code /sys/firmware/dmi/tables}; a malformed table ends the walk with one message naming
 * what was skipped, never a read past the bytes.
 */
package dev.jkboot.smbios;
