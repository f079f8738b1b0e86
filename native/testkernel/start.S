/*
 * Entry of the FreeBSD-shaped test kernel, entered like locore.S's _start:
 * MMU off, x0 = modulep (kernel VA), at EL1 or EL2. Everything is reached
 * PC-relatively; the only link-time constant is _start's offset from
 * KERNBASE, which gives the load PA exactly as locore's get_load_phys_addr.
 */
	.set	KERNBASE, 0xffff000000000000
	.set	STACK_SIZE, 0x8000
	.set	EC_UNKNOWN, 0x00		/* ESR class of an undefined instruction */

	.section .text.start, "ax"
	.globl	_start
_start:
	mrs	x20, cntvct_el0		/* first: the time of entry */
	msr	daifset, #0xf		/* there are no interrupt handlers */
	mov	x19, x0			/* modulep */

	/* PA of KERNBASE = PA of _start - (link VA of _start - KERNBASE) */
	adr	x21, _start
	ldr	x22, =(_start - KERNBASE)
	sub	x21, x21, x22

	mrs	x23, CurrentEL
	ubfx	x23, x23, #2, #2
	cmp	x23, #2
	b.eq	1f
	mrs	x24, sctlr_el1
	b	2f
1:	mrs	x24, sctlr_el2
2:
	/* Clear .bss, counting the words a loader left non-zero. */
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
	mov	x25, xzr
3:	cmp	x0, x1
	b.hs	4f
	ldr	x2, [x0]
	cmp	x2, #0
	cinc	x25, x25, ne
	str	xzr, [x0], #8
	b	3b
4:
	msr	spsel, #1
	adrp	x0, stack_top
	add	x0, x0, :lo12:stack_top
	mov	sp, x0

	adrp	x0, vectors
	add	x0, x0, :lo12:vectors
	cmp	x23, #2
	b.eq	5f
	msr	vbar_el1, x0
	b	6f
5:	msr	vbar_el2, x0
6:	isb

	/* struct entry_state, in jktest.h's field order */
	sub	sp, sp, #64
	stp	x19, x21, [sp, #0]	/* modulep, load_pa */
	stp	x23, x24, [sp, #16]	/* el, sctlr */
	mrs	x0, cntfrq_el0
	stp	x20, x0, [sp, #32]	/* cntvct, cntfrq */
	str	x25, [sp, #48]		/* bss_dirty */
	mov	x0, sp
	bl	jk_main
halt:	wfe
	b	halt
	.ltorg

/*
 * PSCI calls. A conduit the platform does not have raises an undefined
 * instruction exception; while a call is in flight the vectors turn that into
 * a return of PSCI NOT_SUPPORTED (-1) instead of a failure report, so the
 * caller can try the other conduit.
 */
	.text
	.globl	smc_call
smc_call:
	mov	x1, #1
	adrp	x2, psci_in_flight
	str	x1, [x2, :lo12:psci_in_flight]
	smc	#0
	adrp	x2, psci_in_flight
	str	xzr, [x2, :lo12:psci_in_flight]
	ret

	.globl	hvc_call
hvc_call:
	mov	x1, #1
	adrp	x2, psci_in_flight
	str	x1, [x2, :lo12:psci_in_flight]
	hvc	#0
	adrp	x2, psci_in_flight
	str	xzr, [x2, :lo12:psci_in_flight]
	ret

/* Every vector lands in one handler that reports and powers off (io.c). */
	.balign	2048
vectors:
	.irp	idx, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	.balign	128
	mov	x0, #\idx
	b	exception
	.endr

exception:
	mrs	x10, CurrentEL
	ubfx	x10, x10, #2, #2
	cmp	x10, #2
	b.eq	1f
	mrs	x1, esr_el1
	mrs	x2, far_el1
	mrs	x3, elr_el1
	b	2f
1:	mrs	x1, esr_el2
	mrs	x2, far_el2
	mrs	x3, elr_el2
2:
	adrp	x9, psci_in_flight
	ldr	x11, [x9, :lo12:psci_in_flight]
	cbz	x11, report
	/* A PSCI probe trapped: skip the instruction if it was undefined, return -1. */
	str	xzr, [x9, :lo12:psci_in_flight]
	lsr	x11, x1, #26
	cmp	x11, #EC_UNKNOWN
	b.ne	3f
	add	x3, x3, #4
3:	mov	x0, #-1
	cmp	x10, #2
	b.eq	4f
	msr	elr_el1, x3
	eret
4:	msr	elr_el2, x3
	eret

report:
	adrp	x9, stack_top
	add	x9, x9, :lo12:stack_top
	mov	sp, x9
	bl	jk_exception
	b	halt

	.bss
	.balign	8
psci_in_flight:
	.quad	0

	.section .jk_stack, "aw", %nobits
	.balign	16
	.space	STACK_SIZE
stack_top:
