/*
 * The test kernel's checks in the order the real kernel depends on things:
 * entry state (locore), the early window, the metadata (subr_module.c), the
 * environment, its own ELF records and symbols, the DTB, the layout up to
 * kernend, physical memory (and the trampoline's copy of the UEFI map), the
 * UEFI system table, and a harness's expectations. Then one verdict line and PSCI SYSTEM_OFF.
 */
#include "jktest.h"

_Static_assert(offsetof(struct entry_state, bss_dirty) == 48, "start.S fills struct entry_state in this order");

#define PSCI_SYSTEM_OFF	0x84000008UL
#define SCTLR_M		(1UL << 0)
#define SCTLR_C		(1UL << 2)
#define SCTLR_I		(1UL << 12)
#define WINDOW_SLACK	(6UL << 20)	/* locore: modulep - KERNBASE + 6 MiB - 1, in 2 MiB blocks */
#define L2_ENTRIES	512

/* Looked up through SSYM/ESYM: its st_value must be its link VA. */
const char jktest_marker[] = "jktest marker";

static struct boot boot;
static struct fdt_memory fdt;

void jk_main(const struct entry_state *in) __attribute__((noreturn));

/* Tries the conduit the EL suggests (QEMU virt: SMC with EL2, HVC without), then the other. */
void psci_system_off(u64 el)
{
	bool smc_first = el == 2;
	u64 rc1 = smc_first ? smc_call(PSCI_SYSTEM_OFF) : hvc_call(PSCI_SYSTEM_OFF);
	u64 rc2 = smc_first ? hvc_call(PSCI_SYSTEM_OFF) : smc_call(PSCI_SYSTEM_OFF);

	info("PSCI SYSTEM_OFF returned 0x%lx via %s and 0x%lx via %s", rc1, smc_first ? "SMC" : "HVC",
	    rc2, smc_first ? "HVC" : "SMC");
}

static void report_timer(const struct entry_state *in)
{
	u64 f = in->cntfrq != 0 ? in->cntfrq : 1;

	info("timer: CNTFRQ_EL0 %lu Hz, CNTVCT_EL0 %lu at entry (%lu.%03lu s)", in->cntfrq, in->cntvct,
	    in->cntvct / f, (in->cntvct % f) * 1000 / f);
}

/* Returns whether x0 can be used as modulep at all. */
static bool check_entry(const struct boot *b)
{
	const struct entry_state *in = &b->in;
	u64 misalign = in->load_pa & (L2_SIZE - 1);

	check(in->el == 1 || in->el == 2, "entry.el: CurrentEL is EL%lu (FreeBSD's locore starts from EL1 or EL2)", in->el);
	if (misalign == 0)
		pass("entry.load-pa: load PA 0x%lx is 2 MiB aligned", in->load_pa);
	else
		fail("entry.load-pa: load PA 0x%lx is not 2 MiB aligned (0x%lx past a 2 MiB boundary): locore maps 2 MiB blocks, every kernel VA would be 0x%lx bytes off",
		    in->load_pa, misalign, misalign);
	check((in->sctlr & SCTLR_M) == 0, "entry.mmu: SCTLR_EL%lu 0x%lx, M (bit 0) = %lu: the MMU must be off",
	    in->el, in->sctlr, in->sctlr & SCTLR_M);
	check((in->sctlr & SCTLR_C) == 0, "entry.dcache: SCTLR_EL%lu 0x%lx, C (bit 2) = %lu: the D-cache must be off",
	    in->el, in->sctlr, (in->sctlr & SCTLR_C) >> 2);
	info("I-cache %s at entry (locore accepts either)", (in->sctlr & SCTLR_I) != 0 ? "on" : "off");
	if (in->bss_dirty != 0)
		info(".bss held %lu non-zero 8-byte words at entry (ELF says p_memsz - p_filesz is zero-filled; FreeBSD clears its own .bss)",
		    in->bss_dirty);

	bool ok = in->modulep >= KERNBASE && in->modulep - KERNBASE < GIB && IS_ALIGNED(in->modulep, 8);
	if (ok)
		pass("entry.modulep: x0 0x%lx is an 8-aligned kernel VA in [KERNBASE, KERNBASE + 1 GiB)", in->modulep);
	else if (in->modulep < KERNBASE)
		fail("entry.modulep: x0 0x%lx is below KERNBASE: the kernel would take it for a physical FDT pointer (U-Boot booti path)", in->modulep);
	else
		fail("entry.modulep: x0 0x%lx is not an 8-aligned VA in [KERNBASE, KERNBASE + 1 GiB)", in->modulep);
	return ok;
}

static void compute_window(struct boot *b)
{
	u64 blocks = (b->in.modulep - KERNBASE + WINDOW_SLACK - 1) / L2_SIZE;

	b->window = (struct range){ KERNBASE, KERNBASE + blocks * L2_SIZE };
	check(blocks <= L2_ENTRIES, "window.size: locore maps %lu 2 MiB blocks, [0x%lx, 0x%lx) (PA 0x%lx..): must fit one L2 table (1 GiB)",
	    blocks, b->window.start, b->window.end, b->in.load_pa);
}

static void check_file(const struct boot *b, int n, u64 *prev_end)
{
	const struct file *f = &b->files[n];
	const char *why = NULL;

	if (!f->has_type || !f->has_addr || !f->has_size)
		why = "it needs TYPE, ADDR and SIZE records";
	else if (!IS_ALIGNED(f->addr, PAGE_SIZE))
		why = "ADDR is not page aligned";
	else if (f->addr < b->image_end)
		why = "it starts inside the kernel image (_end, .bss included)";
	else if (f->addr < *prev_end)
		why = "it starts before the previous file ends (ADDRs must increase without overlap)";
	else if (!in_window(b, f->addr, f->size))
		why = "it is not inside locore's early window";
	else if (b->kernend != 0 && f->addr + f->size > b->kernend)
		why = "it ends beyond KERNEND";
	check(why == NULL, "file.%d: \"%s\" (%s) at 0x%lx, size 0x%lx%s%s", n, f->name, f->type, f->addr, f->size,
	    why != NULL ? ": " : "", why != NULL ? why : "");
	if (f->has_addr && f->has_size)
		*prev_end = f->addr + f->size;
}

static void note_end(u64 end, const char *what, u64 *max, const char **max_what)
{
	if (end > *max) {
		*max = end;
		*max_what = what;
	}
}

struct object {
	const char *what;	/* a file's NAME, or what else it is */
	struct range r;
};

/* Everything the loader placed must be disjoint: kernel (with its symbols), files, env, DTB, metadata. */
static void check_disjoint(const struct boot *b)
{
	struct object objs[MAX_FILES + 3];
	int n = 0;

	for (int i = 0; i < b->nfiles; i++) {
		const struct file *f = &b->files[i];
		u64 end = f->addr + f->size;
		if (i == 0 && end < b->image_end)
			end = b->image_end;
		if (f->has_addr && f->has_size)
			objs[n++] = (struct object){ f->name, { f->addr, end } };
	}
	if (b->env.ok)
		objs[n++] = (struct object){ "the environment", { b->env.va, b->env.va + b->env.len } };
	if (b->dtb_va != 0)
		objs[n++] = (struct object){ "the DTB", b->dtb };
	objs[n++] = (struct object){ "the metadata", { b->in.modulep, b->meta_end } };
	for (int i = 0; i < n; i++)
		for (int j = 0; j < i; j++)
			if (overlaps(objs[i].r, objs[j].r)) {
				fail("meta.layout: %s [0x%lx, 0x%lx) overlaps %s [0x%lx, 0x%lx)",
				    objs[j].what, objs[j].r.start, objs[j].r.end, objs[i].what, objs[i].r.start, objs[i].r.end);
				return;
			}
	pass("meta.layout: %d placed objects (files, environment, DTB, metadata) are disjoint", n);
}

static void check_layout(const struct boot *b)
{
	const struct file *k = kernel_file(b);
	u64 need = b->image_end - KERNBASE;
	u64 prev_end = b->image_end;

	if (!k->has_size) {
		fail("meta.kernel-size: the kernel has no (8-byte) SIZE record");
	} else {
		u64 need_syms = b->has_syms ? b->syms.end - KERNBASE : need;
		check(k->size >= need && k->size >= need_syms,
		    "meta.kernel-size: SIZE 0x%lx; the image up to _end (.bss included) needs 0x%lx, up to ESYM 0x%lx",
		    k->size, need, need_syms);
		if (k->size > need)
			prev_end = KERNBASE + k->size;
	}
	for (int n = 1; n < b->nfiles; n++)
		check_file(b, n, &prev_end);
	check_disjoint(b);

	if (b->kernend == 0)
		return;
	u64 max = b->meta_end;
	const char *max_what = "the metadata";
	for (int n = 0; n < b->nfiles; n++)
		if (b->files[n].has_addr && b->files[n].has_size)
			note_end(b->files[n].addr + b->files[n].size, "a file", &max, &max_what);
	if (b->env.ok)
		note_end(b->env.va + b->env.len, "the environment", &max, &max_what);
	if (b->dtb_va != 0)
		note_end(b->dtb.end, "the DTB", &max, &max_what);
	if (b->has_syms)
		note_end(b->syms.end, "the symbols", &max, &max_what);
	check(IS_ALIGNED(b->kernend, PAGE_SIZE) && b->kernend >= max && b->kernend <= b->window.end,
	    "meta.kernend: KERNEND 0x%lx: must be page aligned, >= the end of everything loaded (%s ends at 0x%lx) and inside the early window (ends 0x%lx)",
	    b->kernend, max_what, max, b->window.end);
}

/* Self-test hook: a read the kernel cannot survive, to prove faults end in a verdict rather than a hang. */
static void selftest_fault(const struct boot *b)
{
	char value[32];
	u64 pa;

	if (!env_get(b, "jktest.selftest.fault", value, sizeof(value)) || !parse_u64(value, 0, &pa))
		return;
	info("self-test: reading PA 0x%lx on purpose", pa);
	(void)rd64(pa);
}

void jk_main(const struct entry_state *in)
{
	struct boot *b = &boot;

	b->in = *in;
	b->link_start = va_of_pa(b, (u64)_start);
	b->image_end = va_of_pa(b, (u64)_end);
	jk_printf("jktest: hello from the FreeBSD-shaped test kernel (EL%lu, load PA 0x%lx)\r\n", in->el, in->load_pa);
	report_timer(in);

	if (!check_entry(b)) {
		info("no usable modulep: metadata checks skipped");
	} else {
		compute_window(b);
		check_metadata(b);
		if (!b->meta_ok || kernel_file(b) == NULL) {
			info("no usable kernel metadata: later checks skipped");
		} else {
			check_env(b);
			check_kernel_elf(b);
			check_dtb(b, &fdt);
			check_layout(b);
			check_memory(b, &fdt);
			check_efi_map_copy(b);
			check_efi_systab(b);
			check_expectations(b, &fdt);
			selftest_fault(b);
		}
	}
	verdict_and_power_off(in->el);
}
