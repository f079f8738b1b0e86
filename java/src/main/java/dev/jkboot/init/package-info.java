/**
 * jkboot as PID 1: the Linux environment an /init script would set up
 * ({@link dev.jkboot.init.SystemSetup}) and the rescue shell that keeps the machine usable when no
 * boot happens ({@link dev.jkboot.init.RescueShell}). Linux panics when PID 1 exits, so the caller
 * must never let jkboot end.
 */
package dev.jkboot.init;
