/*
 * jkboot's aarch64 trampoline: the first code Linux's kexec runs, placed at the
 * PA of kernend. It hands over to the FreeBSD kernel the way locore.S wants:
 * x0 = modulep (a kernel VA), MMU and D-cache off, at whatever EL Linux left us.
 *
 * Linux enters at offset 0 with the MMU off, so every data access here is to
 * Device memory: all loads and stores below are naturally aligned (the data
 * block is 8-aligned, the banner is read a byte at a time).
 *
 * The data block at the end is filled in by jkboot. Each field holds a
 * distinct sentinel in the assembled blob; gen-properties.sh reads the field
 * offsets and sentinels from the symbol table (never by hand) so the Java side
 * and this file cannot disagree silently.
 */

	.set	PL011_DR, 0x00		/* data register */
	.set	PL011_FR, 0x18		/* flag register */
	.set	PL011_FR_TXFF, 5	/* transmit FIFO full */
	.set	UART_SPINS, 0x100000	/* a stuck UART costs the banner, never the boot */
	.set	SENTINEL_BASE, 0x4a4b54524d500000	/* "JKTRMP" in the top six bytes */

	.text
	.globl	tramp_start
tramp_start:
	/* 1. Optional banner: tells a hang after the jump from a silent kernel. */
	ldr	x9, tramp_data_uart
	cbz	x9, copy_map
	adr	x10, banner
next_char:
	ldrb	w11, [x10], #1
	cbz	w11, copy_map
	mov	x13, #UART_SPINS
wait_fifo:
	ldr	w12, [x9, #PL011_FR]
	tbz	w12, #PL011_FR_TXFF, put_char
	subs	x13, x13, #1
	b.ne	wait_fifo
	b	copy_map
put_char:
	str	w11, [x9, #PL011_DR]
	b	next_char

	/*
	 * 2. Optional copy of the UEFI memory map into the EFI_MAP record, for
	 * hosts where jkboot could not read it before the jump. Word copies need
	 * src, dst and length all multiples of 8; anything else goes bytewise
	 * (an unaligned 8-byte access to Device memory would fault).
	 */
copy_map:
	ldr	x10, tramp_data_memmap_src
	cbz	x10, enter
	ldr	x11, tramp_data_memmap_dst
	ldr	x12, tramp_data_memmap_len
	cbz	x12, enter
	orr	x13, x10, x11
	orr	x13, x13, x12
	tst	x13, #7
	b.ne	copy_bytes
copy_words:
	ldr	x13, [x10], #8
	str	x13, [x11], #8
	subs	x12, x12, #8
	b.ne	copy_words
	b	enter
copy_bytes:
	ldrb	w13, [x10], #1
	strb	w13, [x11], #1
	subs	x12, x12, #1
	b.ne	copy_bytes

	/* 3. Make the copy visible before the kernel runs, then enter it. */
enter:
	dsb	sy
	isb
	ldr	x9, tramp_data_entry
	ldr	x0, tramp_data_modulep
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	br	x9

banner:
	.asciz	"jkboot: trampoline -> kernel\r\n"

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
	field	uart, 6		/* PL011 base PA for the banner, 0 = silent */

	.globl	tramp_end
tramp_end:
