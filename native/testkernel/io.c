/*
 * Console output on QEMU virt's PL011 (polled, no set-up: QEMU's UART needs
 * none), a small printf, and the PASS/FAIL bookkeeping behind the verdict.
 */
#include "jktest.h"

#define PL011_DR	0x00
#define PL011_FR	0x18
#define PL011_FR_TXFF	(1u << 5)

static int checks_run, checks_failed;

static void uart_putc(char c)
{
	volatile u32 *fr = (volatile u32 *)(UART_PA + PL011_FR);
	volatile u32 *dr = (volatile u32 *)(UART_PA + PL011_DR);

	while ((*fr & PL011_FR_TXFF) != 0)
		;
	*dr = (u8)c;
}

static void put_str(const char *s)
{
	while (*s != '\0')
		uart_putc(*s++);
}

static void put_unsigned(u64 v, unsigned base, int width, char pad)
{
	char digits[24];
	int n = 0;

	do {
		unsigned d = (unsigned)(v % base);
		digits[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= base;
	} while (v != 0);
	for (; width > n; width--)
		uart_putc(pad);
	while (n > 0)
		uart_putc(digits[--n]);
}

/* Supports %s %c %d %i %u %x and %%, with '0' padding, a width and the l/ll/z length modifiers. */
void jk_vprintf(const char *fmt, va_list ap)
{
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			uart_putc(*fmt);
			continue;
		}
		fmt++;
		char pad = ' ';
		int width = 0, longs = 0;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			int len = (int)jk_strlen(s);
			put_str(s);
			for (; width > len; width--)
				uart_putc(' ');
			break;
		}
		case 'c':
			uart_putc((char)va_arg(ap, int));
			break;
		case 'd':
		case 'i': {
			long v = longs > 0 ? va_arg(ap, long) : va_arg(ap, int);
			if (v < 0) {
				uart_putc('-');
				put_unsigned((u64)0 - (u64)v, 10, width, pad);
			} else {
				put_unsigned((u64)v, 10, width, pad);
			}
			break;
		}
		case 'u':
			put_unsigned(longs > 0 ? va_arg(ap, u64) : va_arg(ap, unsigned), 10, width, pad);
			break;
		case 'x':
			put_unsigned(longs > 0 ? va_arg(ap, u64) : va_arg(ap, unsigned), 16, width, pad);
			break;
		case '%':
			uart_putc('%');
			break;
		default:	/* unsupported: show it rather than guess */
			uart_putc('%');
			uart_putc(*fmt);
			if (*fmt == '\0')
				return;
			break;
		}
	}
}

void jk_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	jk_vprintf(fmt, ap);
	va_end(ap);
}

static void line(const char *kind, const char *fmt, va_list ap)
{
	put_str("jktest: ");
	put_str(kind);
	uart_putc(' ');
	jk_vprintf(fmt, ap);
	put_str("\r\n");
}

void info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line("INFO", fmt, ap);
	va_end(ap);
}

static void result(bool ok, const char *fmt, va_list ap)
{
	checks_run++;
	if (!ok)
		checks_failed++;
	line(ok ? "PASS" : "FAIL", fmt, ap);
}

bool check(bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	result(ok, fmt, ap);
	va_end(ap);
	return ok;
}

void pass(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	result(true, fmt, ap);
	va_end(ap);
}

void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	result(false, fmt, ap);
	va_end(ap);
}

void verdict_and_power_off(u64 el)
{
	if (checks_failed == 0)
		jk_printf("jktest: VERDICT PASS (%d checks)\r\n", checks_run);
	else
		jk_printf("jktest: VERDICT FAIL (%d of %d checks failed)\r\n", checks_failed, checks_run);
	psci_system_off(el);
	info("PSCI SYSTEM_OFF did not power off: halting");
	for (;;)
		__asm__ volatile("wfe");
}

/* Called from the exception vectors (start.S) for anything unexpected. */
void jk_exception(u64 vector, u64 esr, u64 far, u64 elr) __attribute__((noreturn));
void jk_exception(u64 vector, u64 esr, u64 far, u64 elr)
{
	static int depth;
	u64 el;

	__asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
	el = (el >> 2) & 3;
	if (depth++ > 0) {	/* faulted while reporting a fault: stop quietly */
		for (;;)
			__asm__ volatile("wfe");
	}
	fail("exception: vector %u (ESR 0x%lx: EC 0x%lx), FAR 0x%lx, ELR 0x%lx: the test kernel touched something it could not",
	    (unsigned)vector, esr, esr >> 26, far, elr);
	verdict_and_power_off(el);
}
