/** Physical address arithmetic: half-open ranges and alignment. Knows nothing of files or FreeBSD. */
package dev.jkboot.mem;
