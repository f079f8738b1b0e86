/*
 * The kernel's two views of memory: kernel VAs inside locore's early window
 * (PA = VA - KERNBASE + load PA, the only VAs FreeBSD can touch before
 * pmap_bootstrap) and physical addresses described as RAM by the EFI map or
 * the DTB (which FreeBSD reaches later through its direct map).
 */
#include "jktest.h"

u64 pa_of(const struct boot *b, u64 va)
{
	return va - KERNBASE + b->in.load_pa;
}

u64 va_of_pa(const struct boot *b, u64 pa)
{
	return pa - b->in.load_pa + KERNBASE;
}

bool in_window(const struct boot *b, u64 va, u64 len)
{
	return va >= b->window.start && range_ok(va, len) && va + len <= b->window.end;
}

/* Reading outside the window is only safe where RAM is known to be. */
bool readable_pa(const struct boot *b, u64 pa, u64 len)
{
	if (!range_ok(pa, len))
		return false;
	if (pa >= b->in.load_pa && in_window(b, va_of_pa(b, pa), len))
		return true;
	for (int i = 0; i < b->nram; i++)
		if (pa >= b->ram[i].start && pa + len <= b->ram[i].end)
			return true;
	return false;
}

/* Adjacent ranges are merged so that reads may span neighbouring descriptors. */
void add_ram(struct boot *b, u64 start, u64 len)
{
	if (len == 0 || !range_ok(start, len))
		return;
	for (int i = 0; i < b->nram; i++) {
		if (b->ram[i].end == start) {
			b->ram[i].end = start + len;
			return;
		}
		if (b->ram[i].start == start + len) {
			b->ram[i].start = start;
			return;
		}
	}
	if (b->nram < MAX_RAM)
		b->ram[b->nram++] = (struct range){ start, start + len };
}
