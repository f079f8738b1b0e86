/**
 * FreeBSD's boot configuration as its Lua loader reads it (stand/lua/config.lua, loader.conf(5)):
 * the file order, the line grammar, the environment, the kernel and module list, and the root
 * file system from /etc/fstab. Files come through {@link dev.jkboot.loaderconf.BootFiles}, so the
 * same code reads a UFS image or a directory Linux mounted.
 */
package dev.jkboot.loaderconf;
