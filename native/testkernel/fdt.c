/*
 * The DTB at DTBP, read as FreeBSD reads it: the header libfdt checks, the
 * first node that "/memory" finds (fdt_get_mem_regions: parent's
 * #address-cells/#size-cells defaulting to 2/1, at most 2 address cells, at
 * most FDT_MEM_REGIONS x FDT_REG_CELLS cells of reg), /reserved-memory
 * children and the /memreserve/ block, and whether the tree describes any
 * device at all (FreeBSD prefers FDT over ACPI whenever a DTB root exists).
 */
#include "jktest.h"

#define FDT_MAGIC	0xd00dfeed
#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9
#define HEADER_SIZE	40
#define MAX_DTB_SIZE	(64UL << 20)
#define MAX_REG_BYTES	(16 * 4 * 4)	/* FDT_MEM_REGIONS (16) x FDT_REG_CELLS (4) cells */
#define MAX_DEPTH	32

struct fdt {
	u64 base;		/* PA */
	u64 totalsize;
	u64 strings, strings_size;	/* PA */
	u64 structure, structure_size;	/* PA */
	u64 rsvmap;		/* PA */
};

struct walk_state {
	u32 root_cells[2];		/* #address-cells, #size-cells */
	u32 resmem_cells[2];
	u64 memory_reg, memory_len;	/* the first memory node's reg (PA, bytes) */
	int memory_nodes;
	char first_memory[48];
	bool in_memory, in_resmem, in_child;
	u64 child_reg, child_len;
	bool child_reusable;
	char child_name[48];
	int nodes;
};

static u64 be64(u64 pa)
{
	return ((u64)rdbe32(pa) << 32) | rdbe32(pa + 4);
}

static bool prop_is(const struct fdt *t, u32 nameoff, const char *name)
{
	return nameoff < t->strings_size && streq_pa(t->strings + nameoff, t->strings_size - nameoff, name);
}

static u64 cells(u64 pa, u32 n)
{
	return n == 1 ? rdbe32(pa) : be64(pa);
}

static void add_reserved(struct fdt_memory *out, u64 start, u64 size, const char *what)
{
	if (out->nreserved >= (int)ARRAY_SIZE(out->reserved) || size == 0 || !range_ok(start, size))
		return;
	out->reserved[out->nreserved] = (struct range){ start, start + size };
	size_t i;
	for (i = 0; i + 1 < sizeof(out->reserved_what[0]) && what[i] != '\0'; i++)
		out->reserved_what[out->nreserved][i] = what[i];
	out->reserved_what[out->nreserved][i] = '\0';
	out->nreserved++;
}

/* Records a reserved-memory child once its properties are known. */
static void finish_child(const struct walk_state *w, struct fdt_memory *out)
{
	u32 tuple = (w->resmem_cells[0] + w->resmem_cells[1]) * 4;

	if (w->child_reusable || w->child_len == 0 || tuple == 0 || w->resmem_cells[0] > 2 || w->resmem_cells[1] > 2)
		return;
	for (u64 off = 0; off + tuple <= w->child_len; off += tuple)
		add_reserved(out, cells(w->child_reg + off, w->resmem_cells[0]),
		    cells(w->child_reg + off + w->resmem_cells[0] * 4, w->resmem_cells[1]), w->child_name);
}

static void on_prop(const struct fdt *t, struct walk_state *w, struct fdt_memory *out, int depth,
    u32 nameoff, u64 value, u32 len)
{
	bool addr = prop_is(t, nameoff, "#address-cells"), size = prop_is(t, nameoff, "#size-cells");

	if (depth == 1 && (addr || size) && len == 4)
		w->root_cells[addr ? 0 : 1] = rdbe32(value);
	if (depth == 2 && w->in_resmem && (addr || size) && len == 4)
		w->resmem_cells[addr ? 0 : 1] = rdbe32(value);
	if (depth == 2 && w->in_memory && prop_is(t, nameoff, "reg")) {
		w->memory_reg = value;
		w->memory_len = len;
	}
	if (depth == 3 && w->in_child) {
		if (prop_is(t, nameoff, "reg")) {
			w->child_reg = value;
			w->child_len = len;
		}
		if (prop_is(t, nameoff, "reusable"))
			w->child_reusable = true;
	}
	if (depth >= 2 && prop_is(t, nameoff, "compatible"))
		out->has_devices = true;
}

static void on_node(struct walk_state *w, int depth, const char *name)
{
	w->nodes++;
	if (depth == 2) {
		bool memory = jk_strcmp(name, "memory") == 0 || starts_with(name, "memory@");
		w->in_memory = memory && w->memory_nodes == 0;
		if (memory && w->memory_nodes++ == 0)
			for (size_t i = 0; i < sizeof(w->first_memory); i++)
				if ((w->first_memory[i] = name[i]) == '\0')
					break;
		w->in_resmem = jk_strcmp(name, "reserved-memory") == 0;
	}
	if (depth == 3 && w->in_resmem) {
		w->in_child = true;
		w->child_len = 0;
		w->child_reusable = false;
		for (size_t i = 0; i < sizeof(w->child_name); i++)
			if ((w->child_name[i] = name[i]) == '\0')
				break;
		w->child_name[sizeof(w->child_name) - 1] = '\0';
	}
}

/* Walks the structure block; returns NULL or why it is malformed. */
static const char *walk(const struct fdt *t, struct walk_state *w, struct fdt_memory *out)
{
	u64 pos = t->structure, end = t->structure + t->structure_size;
	int depth = 0;

	for (;;) {
		if (pos + 4 > end)
			return "the structure block ends without FDT_END";
		u32 token = rdbe32(pos);
		pos += 4;
		switch (token) {
		case FDT_BEGIN_NODE: {
			u64 len = strnlen_pa(pos, end - pos);
			char name[64];
			if (len == end - pos)
				return "a node name runs past the structure block";
			if (++depth > MAX_DEPTH)
				return "nodes nest deeper than 32 levels";
			copy_str_pa(name, sizeof(name), pos, len);
			on_node(w, depth, name);
			pos += ALIGN_UP(len + 1, 4);
			break;
		}
		case FDT_END_NODE:
			if (depth == 0)
				return "FDT_END_NODE without a matching FDT_BEGIN_NODE";
			if (depth == 3 && w->in_child) {
				finish_child(w, out);
				w->in_child = false;
			}
			if (depth == 2)
				w->in_memory = w->in_resmem = false;
			depth--;
			break;
		case FDT_PROP: {
			if (depth == 0)
				return "a property outside any node";
			if (pos + 8 > end)
				return "a property header runs past the structure block";
			u32 len = rdbe32(pos), nameoff = rdbe32(pos + 4);
			pos += 8;
			if (len > end - pos)
				return "a property value runs past the structure block";
			if (nameoff >= t->strings_size)
				return "a property name offset lies outside the strings block";
			on_prop(t, w, out, depth, nameoff, pos, len);
			pos += ALIGN_UP((u64)len, 4);
			break;
		}
		case FDT_NOP:
			break;
		case FDT_END:
			return depth == 0 && w->nodes > 0 ? NULL : "FDT_END inside an open node (or no root node)";
		default:
			return "an unknown token";
		}
	}
}

static void read_memory_node(const struct walk_state *w, struct fdt_memory *out)
{
	u32 ac = w->root_cells[0], sc = w->root_cells[1], tuple = (ac + sc) * 4;

	out->has_memory = w->memory_nodes > 0;
	if (!out->has_memory)
		return;
	const char *why = NULL;
	if (ac > 2 || sc > 2 || ac == 0 || sc == 0)
		why = "root #address-cells/#size-cells outside 1..2 (FreeBSD: ERANGE)";
	else if (w->memory_len == 0 || w->memory_len > MAX_REG_BYTES)
		why = "reg is missing, empty or longer than FreeBSD's 256-byte buffer (ERANGE)";
	else if (w->memory_len % tuple != 0)
		why = "reg is not a whole number of (address, size) tuples";
	if (why != NULL) {
		for (size_t i = 0; i < sizeof(out->memory_why); i++)
			if ((out->memory_why[i] = why[i]) == '\0')
				break;
		out->memory_why[sizeof(out->memory_why) - 1] = '\0';
		return;
	}
	for (u64 off = 0; off < w->memory_len && out->nregions < (int)ARRAY_SIZE(out->regions); off += tuple) {
		u64 start = cells(w->memory_reg + off, ac), size = cells(w->memory_reg + off + ac * 4, sc);
		if (size > 0 && range_ok(start, size))
			out->regions[out->nregions++] = (struct range){ start, start + size };
	}
	out->memory_ok = true;
}

static void read_memreserve(const struct fdt *t, struct fdt_memory *out)
{
	for (u64 e = t->rsvmap; e + 16 <= t->base + t->totalsize; e += 16) {
		u64 start = be64(e), size = be64(e + 8);
		if (start == 0 && size == 0)
			return;
		add_reserved(out, start, size, "/memreserve/");
	}
}

static bool check_header(struct boot *b, u64 va, struct fdt *t)
{
	u64 pa = pa_of(b, va);

	if (!IS_ALIGNED(va, 8) || !in_window(b, va, HEADER_SIZE)) {
		fail("dtb.header: DTBP 0x%lx is not an 8-aligned address inside locore's early window [0x%lx, 0x%lx)",
		    va, b->window.start, b->window.end);
		return false;
	}
	u32 magic = rdbe32(pa), version = rdbe32(pa + 20), last_comp = rdbe32(pa + 24);
	*t = (struct fdt){
		.base = pa,
		.totalsize = rdbe32(pa + 4),
		.structure = pa + rdbe32(pa + 8),
		.strings = pa + rdbe32(pa + 12),
		.rsvmap = pa + rdbe32(pa + 16),
		.strings_size = rdbe32(pa + 32),
		.structure_size = rdbe32(pa + 36),
	};
	u64 off_struct = rdbe32(pa + 8), off_strings = rdbe32(pa + 12), off_rsv = rdbe32(pa + 16);
	bool ok = magic == FDT_MAGIC && version >= 16 && last_comp <= 17 &&
	    t->totalsize >= HEADER_SIZE && t->totalsize <= MAX_DTB_SIZE &&
	    off_struct + t->structure_size <= t->totalsize && IS_ALIGNED(off_struct, 4) &&
	    off_strings + t->strings_size <= t->totalsize &&
	    off_rsv + 16 <= t->totalsize && IS_ALIGNED(off_rsv, 8) && off_rsv >= HEADER_SIZE;
	if (!ok) {
		fail("dtb.header: at 0x%lx: magic 0x%x (want 0xd00dfeed), version %u (>= 16), last_comp_version %u (<= 17), totalsize %lu, struct %lu+%lu, strings %lu+%lu, memreserve at %lu: not a usable FDT (OF_init would panic)",
		    va, magic, version, last_comp, t->totalsize, off_struct, t->structure_size,
		    off_strings, t->strings_size, off_rsv);
		return false;
	}
	if (!in_window(b, va, t->totalsize)) {
		fail("dtb.header: DTB 0x%lx..0x%lx (%lu bytes) runs past locore's early window end 0x%lx",
		    va, va + t->totalsize, t->totalsize, b->window.end);
		return false;
	}
	pass("dtb.header: FDT at 0x%lx (PA 0x%lx), version %u, %lu bytes", va, pa, version, t->totalsize);
	return true;
}

/* With a DTB root FreeBSD chooses FDT unless kern.cfg.order says otherwise (arm64 machdep.c bus_probe). */
static void check_devices(const struct boot *b, const struct fdt_memory *out)
{
	char order[64];
	bool acpi_first = env_get(b, "kern.cfg.order", order, sizeof(order)) && starts_with(order, "acpi");

	check(out->has_devices || acpi_first,
	    "dtb.devices: the DTB %s device nodes (any node with \"compatible\"), kern.cfg.order %s: FreeBSD enumerates devices from FDT whenever a DTB root exists%s",
	    out->has_devices ? "has" : "has NO", acpi_first ? "selects ACPI" : "does not select ACPI",
	    out->has_devices || acpi_first ? "" : ", so it would find no devices (no console); pass kern.cfg.order=acpi or no DTB");
}

void check_dtb(struct boot *b, struct fdt_memory *out)
{
	const struct file *k = kernel_file(b);
	const struct record *r = k != NULL ? find_record(b, k, MD(MODINFOMD_DTBP)) : NULL;
	struct walk_state w = { .root_cells = { 2, 1 }, .resmem_cells = { 2, 1 } };
	struct fdt t;
	const char *why;

	if (r == NULL || r->size != 8) {
		info("no DTBP: the kernel prints \"ERROR loading DTB\" and can only use ACPI");
		return;
	}
	u64 va = record_u64(b, r);
	if (!check_header(b, va, &t))
		return;
	if ((why = walk(&t, &w, out)) != NULL) {
		fail("dtb.structure: %s (after %d nodes)", why, w.nodes);
		return;
	}
	pass("dtb.structure: %d nodes, root #address-cells %u #size-cells %u", w.nodes, w.root_cells[0], w.root_cells[1]);
	b->dtb_va = va;
	b->dtb = (struct range){ va, va + t.totalsize };
	read_memory_node(&w, out);
	read_memreserve(&t, out);
	if (w.memory_nodes == 0)
		info("DTB has no /memory node");
	else
		info("DTB has %d memory node(s); FreeBSD's \"/memory\" lookup uses the first, %s", w.memory_nodes, w.first_memory);
	check_devices(b, out);
}
