/*
 * jkboot's aarch64 trampoline: the first code Linux's kexec runs, placed at the
 * PA of kernend. It hands over to the FreeBSD kernel the way locore.S wants:
 * x0 = modulep (a kernel VA), MMU and D-cache off, at whatever EL Linux left us
 * (EL1, or EL2 when Linux owned EL2). In order it:
 *   1. prints a banner on the PL011 at `uart` (0 = silent);
 *   2. optionally checks the CRC-32 of every range in the integrity table and
 *      halts, never entering the kernel, if one changed after kexec_load;
 *   3. optionally copies Linux's UEFI memory map into the EFI_MAP record;
 *   4. makes the instruction side coherent and enters the kernel.
 *
 * Linux enters at offset 0 with the MMU off, so every data access here is to
 * Device memory: all loads and stores below are naturally aligned (the data
 * block is 8-aligned, strings and unaligned heads/tails go a byte at a time).
 *
 * Caches (Arm ARM, DDI 0487):
 *  - With SCTLR_ELx.M = 0 (and HCR_EL2.DC = 0 at EL1), data accesses are
 *    Device-nGnRnE, i.e. Non-cacheable: they neither allocate into the data
 *    caches nor, on most implementations, look them up (the architecture
 *    gives no guarantee that a Non-cacheable access sees a cached copy). So a
 *    dirty line Linux left for a location we read would be invisible to us,
 *    and a dirty line for a location we write could be written back over our
 *    store later, e.g. once the kernel turns its caches on.
 *  - DC CIVAC / DC IVAC take a VA; with the stage 1 MMU off the VA is the PA
 *    (flat mapping), so they work on physical addresses here. They operate to
 *    the Point of Coherency, i.e. they reach DRAM past every cache level, and
 *    they are permitted at EL1 and EL2 (only EL0 needs SCTLR_EL1.UCI).
 *  - Maintenance by VA needs the smallest D-cache line size: CTR_EL0.DminLine
 *    (bits [19:16]) is log2 of the number of 4-byte words, so a line is
 *    4 << DminLine bytes. Every range is rounded out to whole lines.
 *  - FreeBSD's locore.S states its assumptions as "MMU on with an identity map,
 *    or off; D-Cache: off; I-Cache: on or off": the kernel's own text must be
 *    in DRAM (Linux's kexec cleaned it to the PoC before jumping here) and no
 *    stale instruction may survive in the I-cache (IC IALLU before entering).
 *
 * Register use (nothing returns to Linux, so there is no ABI to keep):
 *   x20 = UART base (0 = silent), x21 = D-cache line size in bytes,
 *   x22..x28 = state of the current step, x0..x10 = scratch of the helpers.
 *
 * The data block at the end is filled in by jkboot. Each field holds a
 * distinct sentinel in the assembled blob; gen-properties.sh reads the field
 * offsets and sentinels from the symbol table (never by hand) so the Java side
 * and this file cannot disagree silently.
 */

	.set	PL011_DR, 0x00		/* data register */
	.set	PL011_FR, 0x18		/* flag register */
	.set	PL011_FR_TXFF, 5	/* transmit FIFO full */
	.set	UART_SPINS, 0x100000	/* a stuck UART costs the messages, never the boot */
	.set	SENTINEL_BASE, 0x4a4b54524d500000	/* "JKTRMP" in the top six bytes */

	/* The integrity table: CAPACITY entries of { u64 pa, u64 len, u64 crc32 }. */
	.set	INTEGRITY_CAPACITY, 20	/* 16 kexec segments, one split around this blob, and spare */
	.set	INTEGRITY_ENTRY_PA, 0
	.set	INTEGRITY_ENTRY_LEN, 8
	.set	INTEGRITY_ENTRY_CRC, 16	/* zlib/IEEE CRC-32 in the low 32 bits, high 32 bits zero */
	.set	INTEGRITY_ENTRY_SIZE, 24

	.text
	.globl	tramp_start
tramp_start:
	ldr	x20, tramp_data_uart
	mrs	x0, ctr_el0
	ubfx	x0, x0, #16, #4		/* CTR_EL0.DminLine */
	mov	x21, #4
	lsl	x21, x21, x0

	/* 1. Optional banner: tells a hang after the jump from a silent kernel. */
	adr	x0, msg_banner
	bl	puts

	/*
	 * 2. Optional integrity check, before the map copy: the copy legitimately
	 * changes the EFI_MAP descriptor area jkboot checksummed as zeros.
	 *
	 * Test hook first: flip the byte at corrupt_pa, as a DMA after
	 * kexec_load would. Its line is cleaned and invalidated first so that no
	 * dirty copy can later be written back over the flipped byte (which would
	 * undo the corruption and make the test prove nothing).
	 */
	ldr	x23, tramp_data_corrupt_pa
	cbz	x23, check_integrity
	mov	x0, x23
	mov	x1, #1
	bl	dc_civac_range
	dsb	sy
	ldrb	w0, [x23]
	eor	w0, w0, #0xff
	strb	w0, [x23]
	dsb	sy
	adr	x0, msg_corrupt
	bl	puts
	mov	x0, x23
	bl	puthex
	adr	x0, msg_crlf
	bl	puts

check_integrity:
	ldr	x22, tramp_data_integrity_count
	cbz	x22, copy_map			/* off by default: one load and a branch */
	cmp	x22, #INTEGRITY_CAPACITY
	b.hi	bad_count
	/* ID_AA64ISAR0_EL1.CRC32, bits [19:16]: 0 = no CRC32* instructions (optional before Armv8.1). */
	mrs	x0, id_aa64isar0_el1
	ubfx	x0, x0, #16, #4
	cbz	x0, no_crc32
	adr	x23, tramp_table_integrity
	mov	x24, xzr			/* range index */
	mov	x28, xzr			/* bytes checked */
next_range:
	ldr	x25, [x23, #INTEGRITY_ENTRY_PA]
	ldr	x26, [x23, #INTEGRITY_ENTRY_LEN]
	ldr	x27, [x23, #INTEGRITY_ENTRY_CRC]
	/* Whatever the caches hold for the range goes to DRAM, where our Non-cacheable reads look. */
	mov	x0, x25
	mov	x1, x26
	bl	dc_civac_range
	dsb	sy
	mov	w0, #-1				/* CRC-32 (zlib): initial value 0xffffffff ... */
	mov	x1, x25
	mov	x2, x26
crc_head:					/* bytes up to 8-byte alignment */
	cbz	x2, crc_done
	tst	x1, #7
	b.eq	crc_pairs
	ldrb	w3, [x1], #1
	crc32b	w0, w0, w3
	sub	x2, x2, #1
	b	crc_head
crc_pairs:					/* 16 bytes per load pair */
	cmp	x2, #16
	b.lo	crc_word
	ldp	x3, x4, [x1], #16
	crc32x	w0, w0, x3
	crc32x	w0, w0, x4
	sub	x2, x2, #16
	b	crc_pairs
crc_word:
	cmp	x2, #8
	b.lo	crc_tail
	ldr	x3, [x1], #8
	crc32x	w0, w0, x3
	sub	x2, x2, #8
crc_tail:
	cbz	x2, crc_done
	ldrb	w3, [x1], #1
	crc32b	w0, w0, w3
	sub	x2, x2, #1
	b	crc_tail
crc_done:
	mvn	w0, w0				/* ... and final inversion, as java.util.zip.CRC32 */
	cmp	x0, x27				/* w0's write zeroed the top half: a non-zero top half in the table never matches */
	b.ne	integrity_failed
	add	x28, x28, x26
	add	x24, x24, #1
	add	x23, x23, #INTEGRITY_ENTRY_SIZE
	cmp	x24, x22
	b.lo	next_range
	adr	x0, msg_passed
	bl	puts
	mov	x0, x22
	bl	putdec
	adr	x0, msg_passed_ranges
	bl	puts
	mov	x0, x28
	bl	putdec
	adr	x0, msg_passed_bytes
	bl	puts

	/*
	 * 3. Optional copy of the UEFI memory map into the EFI_MAP record, for
	 * hosts where jkboot could not read it before the jump. Word copies need
	 * src, dst and length all multiples of 8; anything else goes bytewise
	 * (an unaligned 8-byte access to Device memory would fault).
	 */
copy_map:
	ldr	x22, tramp_data_memmap_src
	cbz	x22, enter
	ldr	x23, tramp_data_memmap_dst
	ldr	x24, tramp_data_memmap_len
	cbz	x24, enter
	/*
	 * Before: clean+invalidate the source (a dirty line holds map bytes DRAM
	 * does not have yet, and our reads only see DRAM) and the destination (a
	 * dirty line would later be written back over the copy; a clean one would
	 * hide it from the kernel once its caches are on). The DSB completes the
	 * maintenance before the first load or store of the copy.
	 */
	mov	x0, x22
	mov	x1, x24
	bl	dc_civac_range
	mov	x0, x23
	mov	x1, x24
	bl	dc_civac_range
	dsb	sy
	mov	x0, x22
	mov	x1, x23
	mov	x2, x24
	orr	x3, x0, x1
	orr	x3, x3, x2
	tst	x3, #7
	b.ne	copy_bytes
copy_words:
	ldr	x3, [x0], #8
	str	x3, [x1], #8
	subs	x2, x2, #8
	b.ne	copy_words
	b	copy_done
copy_bytes:
	ldrb	w3, [x0], #1
	strb	w3, [x1], #1
	subs	x2, x2, #1
	b.ne	copy_bytes
copy_done:
	/*
	 * After: the stores have reached DRAM (DSB), then invalidate the
	 * destination once more, so no line allocated meanwhile (by a prefetcher
	 * or speculation outside our control) can shadow the copy. DC IVAC would
	 * discard a dirty line, but none can exist here: the CIVAC above left the
	 * lines clean or absent, the only writes since were our Non-cacheable
	 * stores (which do not allocate), nothing in this PE runs with a cacheable
	 * mapping, and kexec runs with every other CPU offline. Hence an
	 * implementation that upgrades DC IVAC to DC CIVAC (as the Arm ARM
	 * permits, and requires at EL1 when HCR_EL2.VM = 1) writes nothing back.
	 * The lines at both ends of the range hold neighbouring metadata bytes:
	 * they too are clean, so invalidating them loses nothing.
	 */
	dsb	sy
	mov	x0, x23
	mov	x1, x24
	bl	dc_ivac_range
	dsb	sy

	/*
	 * 4. Enter the kernel. DSB SY: every store and maintenance operation above
	 * has completed. IC IALLU: no stale instruction (kernel text was written
	 * as data by kexec's copy and perhaps by the test hook) survives in this
	 * PE's I-cache, which may be on (locore accepts that); DSB: the
	 * invalidation has completed; ISB: nothing fetched before it is executed.
	 */
enter:
	dsb	sy
	ic	iallu
	dsb	sy
	isb
	ldr	x9, tramp_data_entry
	ldr	x0, tramp_data_modulep
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	br	x9

	/* ---- refusals: say why on the UART (if any), then never enter the kernel ---- */
integrity_failed:
	mov	x28, x0				/* the CRC found (x28 counted bytes, no longer needed) */
	adr	x0, msg_failed
	bl	puts
	mov	x0, x24
	bl	putdec
	adr	x0, msg_failed_at
	bl	puts
	mov	x0, x25
	bl	puthex
	adr	x0, msg_failed_len
	bl	puts
	mov	x0, x26
	bl	puthex
	adr	x0, msg_failed_crc
	bl	puts
	mov	x0, x28
	bl	puthex
	adr	x0, msg_failed_expected
	bl	puts
	mov	x0, x27
	bl	puthex
	adr	x0, msg_halting
	bl	puts
	b	halt
bad_count:
	adr	x0, msg_bad_count
	bl	puts
	mov	x0, x22
	bl	putdec
	adr	x0, msg_bad_count_cap
	bl	puts
	b	halt
no_crc32:
	adr	x0, msg_no_crc32
	bl	puts
halt:
	msr	daifset, #0xf
1:	wfe
	b	1b

	/* ---- helpers ---- */

/* DC <op> on every line of [x0, x0 + x1), rounded out to whole lines; clobbers x2, x3. */
.macro	dcache_range name, op
\name:
	cbz	x1, 2f
	add	x3, x0, x1
	sub	x2, x21, #1
	bic	x2, x0, x2
1:	dc	\op, x2
	add	x2, x2, x21
	cmp	x2, x3
	b.lo	1b
2:	ret
.endm
	dcache_range dc_civac_range, civac
	dcache_range dc_ivac_range, ivac

/*
 * One character (w0) to the UART with a bounded wait; a UART that stays full
 * for UART_SPINS polls is given up for good (x20 = 0). Clobbers x1, x2.
 */
putc:
	cbz	x20, 2f
	mov	x2, #UART_SPINS
1:	ldr	w1, [x20, #PL011_FR]
	tbz	w1, #PL011_FR_TXFF, 3f
	subs	x2, x2, #1
	b.ne	1b
	mov	x20, xzr
	ret
3:	str	w0, [x20, #PL011_DR]
2:	ret

/* The NUL-terminated string at x0. Clobbers x0..x2, x4, x5. */
puts:
	mov	x4, x30
	mov	x5, x0
1:	ldrb	w0, [x5], #1
	cbz	w0, 2f
	bl	putc
	b	1b
2:	ret	x4

/* x0 as 0x and lowercase hex digits without leading zeros. Clobbers x0..x2, x6..x8. */
puthex:
	mov	x6, x30
	mov	x7, x0
	mov	w0, #'0'
	bl	putc
	mov	w0, #'x'
	bl	putc
	mov	x8, #60
1:	cbz	x8, 2f				/* skip leading zero digits, keep the last one */
	lsr	x0, x7, x8
	tst	x0, #0xf
	b.ne	2f
	sub	x8, x8, #4
	b	1b
2:	lsr	x0, x7, x8
	and	x0, x0, #0xf
	cmp	x0, #10
	add	x1, x0, #'0'
	add	x0, x0, #('a' - 10)
	csel	x0, x1, x0, lo
	bl	putc
	cbz	x8, 3f
	sub	x8, x8, #4
	b	2b
3:	ret	x6

/* x0 in decimal. Clobbers x0..x2, x6..x10. */
putdec:
	mov	x6, x30
	mov	x7, x0
	mov	x8, #1				/* the largest power of ten <= x7 */
	mov	x10, #10
1:	udiv	x9, x7, x8
	cmp	x9, #10
	b.lo	2f
	mul	x8, x8, x10
	b	1b
2:	udiv	x9, x7, x8
	msub	x7, x9, x8, x7
	add	w0, w9, #'0'
	bl	putc
	udiv	x8, x8, x10
	cbnz	x8, 2b
	ret	x6

msg_banner:
	.asciz	"jkboot: trampoline -> kernel\r\n"
msg_corrupt:
	.asciz	"jkboot: test hook: flipped the byte at "
msg_crlf:
	.asciz	"\r\n"
msg_passed:
	.asciz	"jkboot: integrity check passed ("
msg_passed_ranges:
	.asciz	" ranges, "
msg_passed_bytes:
	.asciz	" bytes)\r\n"
msg_failed:
	.asciz	"jkboot: integrity check failed: range "
msg_failed_at:
	.asciz	" at "
msg_failed_len:
	.asciz	" (+"
msg_failed_crc:
	.asciz	") changed after kexec_load (CRC-32 "
msg_failed_expected:
	.asciz	", expected "
msg_halting:
	.asciz	"); halting\r\n"
msg_bad_count:
	.asciz	"jkboot: integrity table holds "
msg_bad_count_cap:
	.asciz	" ranges, more than its capacity (a loader bug); halting\r\n"
msg_no_crc32:
	.asciz	"jkboot: integrity check requested but this CPU has no CRC32 instructions (ID_AA64ISAR0_EL1.CRC32 = 0); halting\r\n"

/* One u64 field of the data block, holding its own sentinel until jkboot fills it in. */
.macro	field name, index
	.globl	tramp_data_\name
	.globl	tramp_sentinel_\name
	.set	tramp_sentinel_\name, SENTINEL_BASE + \index
tramp_data_\name:
	.quad	tramp_sentinel_\name
.endm

	.balign	8
tramp_data:
	field	entry, 1	/* PA of the kernel's _start */
	field	modulep, 2	/* kernel VA of the metadata, passed in x0 */
	field	memmap_src, 3	/* PA of Linux's UEFI map, 0 = no copy */
	field	memmap_dst, 4	/* PA of the descriptor area inside EFI_MAP */
	field	memmap_len, 5	/* bytes to copy */
	field	uart, 6		/* PL011 base PA for the messages, 0 = silent */
	field	integrity_count, 7	/* entries of the integrity table in use, 0 = no check */
	field	corrupt_pa, 8	/* test hook: PA of a byte to flip before the check, 0 = none */

/*
 * The integrity table, zero in the blob. gen-properties.sh turns
 * tramp_table_<name> and tramp_table_<name>__<key> into table.<name>=OFFSET
 * and table.<name>.<key>=VALUE.
 */
	.globl	tramp_table_integrity
	.globl	tramp_table_integrity__capacity
	.globl	tramp_table_integrity__entry_size
	.globl	tramp_table_integrity__entry_pa
	.globl	tramp_table_integrity__entry_len
	.globl	tramp_table_integrity__entry_crc
	.set	tramp_table_integrity__capacity, INTEGRITY_CAPACITY
	.set	tramp_table_integrity__entry_size, INTEGRITY_ENTRY_SIZE
	.set	tramp_table_integrity__entry_pa, INTEGRITY_ENTRY_PA
	.set	tramp_table_integrity__entry_len, INTEGRITY_ENTRY_LEN
	.set	tramp_table_integrity__entry_crc, INTEGRITY_ENTRY_CRC
	.balign	8
tramp_table_integrity:
	.fill	INTEGRITY_CAPACITY * INTEGRITY_ENTRY_SIZE, 1, 0

	.globl	tramp_end
tramp_end:
