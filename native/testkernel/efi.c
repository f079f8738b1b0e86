/*
 * Physical memory as the kernel learns it (EFI_MAP, else the DTB's /memory:
 * arm64 machdep.c initarm) and the UEFI system table at FW_HANDLE, walked as
 * exclude_efi_memreserve walks it: the configuration table pointer is a VA of
 * the firmware's runtime map, translated through the EFI_MEMORY_RUNTIME
 * descriptors' VirtualStart (efi_early_map); memreserve pointers are PAs.
 */
#include "jktest.h"

#define EFI_MAP_HEADER	32	/* roundup(sizeof(struct efi_map_header) = 24, 16) */
#define EFI_MD_MIN	40
#define EFI_PAGE	4096UL
#define EFI_MD_RUNTIME	(1UL << 63)
#define SYSTAB_SIG	0x5453595320494249UL	/* "IBI SYST" */
#define SYSTAB_SIZE	120
#define CFG_ENTRY	24	/* EFI_GUID + VendorTable */
#define MAX_CFG		1024
#define MAX_DESCS	2048
#define MAX_MR_NODES	64
#define MAX_MR_COUNT	4096

/* LINUX_EFI_MEMRESERVE_TABLE 888eb0c6-8ede-4ff5-a8f0-9aee5cb977c2, in EFI_GUID byte order. */
static const u8 guid_memreserve[16] = {
	0xc6, 0xb0, 0x8e, 0x88, 0xde, 0x8e, 0xf5, 0x4f, 0xa8, 0xf0, 0x9a, 0xee, 0x5c, 0xb9, 0x77, 0xc2 };
/* EFI_ACPI_20_TABLE_GUID 8868e871-e4f1-11d3-bc22-0080c73c8881 */
static const u8 guid_acpi20[16] = {
	0x71, 0xe8, 0x68, 0x88, 0xf1, 0xe4, 0xd3, 0x11, 0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81 };

struct efi_map {
	u64 descs;		/* PA of the first descriptor */
	u64 count, desc_size;
};

/* Types FreeBSD may allocate from (add_efi_map_entries / exclude_efi_map_entries). */
static bool usable_type(u32 type)
{
	return type == 1 || type == 2 || type == 3 || type == 4 || type == 7;
}

/* Types that are RAM, however reserved: safe for this kernel to read. */
static bool ram_type(u32 type)
{
	return (type >= 1 && type <= 7) || type == 9 || type == 10 || type == 14;
}

static u64 md_field(const struct efi_map *m, u64 i, u64 off)
{
	return rd64(m->descs + i * m->desc_size + off);
}
#define MD_TYPE(m, i)	((u32)md_field(m, i, 0))
#define MD_PHYS(m, i)	md_field(m, i, 8)
#define MD_VIRT(m, i)	md_field(m, i, 16)
#define MD_PAGES(m, i)	md_field(m, i, 24)
#define MD_ATTR(m, i)	md_field(m, i, 32)

static bool read_efi_map(struct boot *b, const struct record *r, struct efi_map *m)
{
	u64 h = pa_of(b, r->va);

	if (r->size < EFI_MAP_HEADER) {
		fail("memory.efi-map: EFI_MAP record has %u bytes, less than its 32-byte header", r->size);
		return false;
	}
	u64 memory_size = rd64(h), desc_size = rd64(h + 8);
	u32 version = rd32(h + 16);
	bool pad_zero = rd32(h + 20) == 0 && rd64(h + 24) == 0;
	if (desc_size < EFI_MD_MIN || desc_size % 8 != 0 || memory_size % desc_size != 0 ||
	    version != 1 || !pad_zero || memory_size == 0 || memory_size / desc_size > MAX_DESCS ||
	    r->size != EFI_MAP_HEADER + memory_size) {
		fail("memory.efi-map: header memory_size %lu, descriptor_size %lu (>= 40, multiple of 8, divides memory_size, at most %u descriptors), descriptor_version %u (1), padding %s, record size %u (must be 32 + memory_size)",
		    memory_size, desc_size, MAX_DESCS, version, pad_zero ? "zero" : "NOT zero", r->size);
		return false;
	}
	*m = (struct efi_map){ h + EFI_MAP_HEADER, memory_size / desc_size, desc_size };
	for (u64 i = 0; i < m->count; i++) {
		u64 phys = MD_PHYS(m, i), pages = MD_PAGES(m, i);
		if (MD_TYPE(m, i) == 0 && phys == 0 && pages == 0 && MD_ATTR(m, i) == 0) {
			fail("memory.efi-map: descriptor %lu of %lu is all zero: the map was never filled in (did the trampoline copy it?)", i, m->count);
			return false;
		}
		if (!IS_ALIGNED(phys, EFI_PAGE) || pages == 0 || pages > (~0UL - phys) / EFI_PAGE) {
			fail("memory.efi-map: descriptor %lu: type %u, PhysicalStart 0x%lx, NumberOfPages %lu: must be page aligned with pages > 0",
			    i, MD_TYPE(m, i), phys, pages);
			return false;
		}
		for (u64 j = 0; j < i; j++) {
			struct range a = { phys, phys + pages * EFI_PAGE };
			struct range o = { MD_PHYS(m, j), MD_PHYS(m, j) + MD_PAGES(m, j) * EFI_PAGE };
			if (overlaps(a, o)) {
				fail("memory.efi-map: descriptors %lu [0x%lx, 0x%lx) and %lu [0x%lx, 0x%lx) overlap",
				    j, o.start, o.end, i, a.start, a.end);
				return false;
			}
		}
	}
	u64 usable = 0;
	for (u64 i = 0; i < m->count; i++) {
		if (usable_type(MD_TYPE(m, i)))
			usable += MD_PAGES(m, i) * EFI_PAGE;
		if (ram_type(MD_TYPE(m, i)))
			add_ram(b, MD_PHYS(m, i), MD_PAGES(m, i) * EFI_PAGE);
	}
	pass("memory.efi-map: %lu descriptors of %lu bytes, version 1, %lu MiB usable by FreeBSD",
	    m->count, desc_size, usable >> 20);
	return true;
}

/* The first usable EFI descriptor containing pa, or -1; *type gets the type of whatever contains it. */
static long efi_find(const struct efi_map *m, u64 pa, bool want_usable, u32 *type)
{
	*type = ~0u;
	for (u64 i = 0; i < m->count; i++) {
		u64 s = MD_PHYS(m, i), e = s + MD_PAGES(m, i) * EFI_PAGE;
		if (pa < s || pa >= e)
			continue;
		*type = MD_TYPE(m, i);
		if (!want_usable || usable_type(*type))
			return (long)i;
	}
	return -1;
}

/* The image from the load PA to PA(kernend) must lie in memory FreeBSD will treat as its own. */
static struct range image_pa(const struct boot *b)
{
	u64 end = b->kernend != 0 ? b->kernend : ALIGN_UP(b->meta_end, PAGE_SIZE);
	return (struct range){ b->in.load_pa, pa_of(b, end) };
}

static void check_image_efi(const struct boot *b, const struct efi_map *m)
{
	struct range img = image_pa(b);
	u64 pa = img.start;
	u32 type;

	while (pa < img.end) {
		long i = efi_find(m, pa, true, &type);
		if (i < 0 && type == ~0u) {
			fail("memory.image-usable: PA 0x%lx (image offset 0x%lx) of the image [0x%lx, 0x%lx) is in no EFI descriptor",
			    pa, pa - img.start, img.start, img.end);
			return;
		}
		if (i < 0) {
			fail("memory.image-usable: PA 0x%lx (image offset 0x%lx) of the image [0x%lx, 0x%lx) is in a type %u descriptor, not type 1/2/3/4/7: FreeBSD would not treat it as its RAM",
			    pa, pa - img.start, img.start, img.end, type);
			return;
		}
		pa = MD_PHYS(m, (u64)i) + MD_PAGES(m, (u64)i) * EFI_PAGE;
	}
	pass("memory.image-usable: image [0x%lx, 0x%lx) lies in EFI descriptors of usable types", img.start, img.end);
}

static void check_image_fdt(const struct boot *b, const struct fdt_memory *fdt)
{
	struct range img = image_pa(b);
	u64 pa = img.start;

	while (pa < img.end) {
		int i;
		for (i = 0; i < fdt->nregions; i++)
			if (pa >= fdt->regions[i].start && pa < fdt->regions[i].end)
				break;
		if (i == fdt->nregions) {
			fail("memory.image-usable: PA 0x%lx (image offset 0x%lx) of the image [0x%lx, 0x%lx) is not in any /memory reg range",
			    pa, pa - img.start, img.start, img.end);
			return;
		}
		pa = fdt->regions[i].end;
	}
	pass("memory.image-usable: image [0x%lx, 0x%lx) lies in the DTB's /memory", img.start, img.end);
}

/* FreeBSD excludes /reserved-memory (fdt_get_reserved_mem) either way; /memreserve/ marks memory in use. */
static void check_reserved(const struct boot *b, const struct fdt_memory *fdt)
{
	struct range img = image_pa(b);

	for (int i = 0; i < fdt->nreserved; i++)
		if (overlaps(img, fdt->reserved[i])) {
			fail("memory.reserved: the image [0x%lx, 0x%lx) overlaps reserved [0x%lx, 0x%lx) (%s)",
			    img.start, img.end, fdt->reserved[i].start, fdt->reserved[i].end, fdt->reserved_what[i]);
			return;
		}
	pass("memory.reserved: the image [0x%lx, 0x%lx) overlaps none of the DTB's %d reserved ranges",
	    img.start, img.end, fdt->nreserved);
}

void check_memory(struct boot *b, const struct fdt_memory *fdt)
{
	const struct file *k = kernel_file(b);
	const struct record *r = k != NULL ? find_record(b, k, MD(MODINFOMD_EFI_MAP)) : NULL;
	struct efi_map m;

	if (r != NULL) {
		pass("memory.description: EFI_MAP (%u bytes)", r->size);
		b->efi_map = r;
		if (read_efi_map(b, r, &m)) {
			b->efi_map_ok = true;
			check_image_efi(b, &m);
		}
	} else if (b->dtb_va != 0 && fdt->has_memory) {
		pass("memory.description: no EFI_MAP, the DTB's /memory");
		if (!fdt->memory_ok) {
			fail("memory.dtb-memory: %s: the kernel would panic \"Cannot get physical memory regions\"", fdt->memory_why);
		} else {
			pass("memory.dtb-memory: %d region(s), first [0x%lx, 0x%lx)", fdt->nregions,
			    fdt->nregions > 0 ? fdt->regions[0].start : 0, fdt->nregions > 0 ? fdt->regions[0].end : 0);
			for (int i = 0; i < fdt->nregions; i++)
				add_ram(b, fdt->regions[i].start, fdt->regions[i].end - fdt->regions[i].start);
			check_image_fdt(b, fdt);
		}
	} else {
		fail("memory.description: no memory description (kernel would panic: Cannot get physical memory regions): no EFI_MAP record and %s",
		    b->dtb_va == 0 ? "no usable DTB" : "the DTB has no /memory node");
	}
	if (b->dtb_va != 0)
		check_reserved(b, fdt);
}

/* ---- the UEFI system table ---- */

static bool guid_is(u64 pa, const u8 *guid)
{
	for (int i = 0; i < 16; i++)
		if (rd8(pa + (u64)i) != guid[i])
			return false;
	return true;
}

/* efi_early_map: only EFI_MEMORY_RUNTIME descriptors' [VirtualStart, +size) translate; PA 0 means failure. */
static u64 efi_va_to_pa(const struct boot *b, u64 va)
{
	struct efi_map m;
	u64 h = pa_of(b, b->efi_map->va);

	m = (struct efi_map){ h + EFI_MAP_HEADER, rd64(h) / rd64(h + 8), rd64(h + 8) };
	for (u64 i = 0; i < m.count; i++) {
		u64 s = MD_VIRT(&m, i), e = s + MD_PAGES(&m, i) * EFI_PAGE;
		if ((MD_ATTR(&m, i) & EFI_MD_RUNTIME) != 0 && va >= s && va < e)
			return MD_PHYS(&m, i) + (va - s);
	}
	return 0;
}

static void check_memreserve(const struct boot *b, u64 head)
{
	struct range img = image_pa(b);
	int nodes = 0, ranges = 0;

	img.end += PAGE_SIZE;	/* the trampoline's page at kernend */
	for (u64 node = head; node != 0; nodes++) {
		if (nodes == MAX_MR_NODES) {
			fail("efi.memreserve: more than %d linked nodes: a loop?", MAX_MR_NODES);
			return;
		}
		if (!readable_pa(b, node, 16)) {
			fail("efi.memreserve: node %d at PA 0x%lx is not in memory the EFI map describes as RAM", nodes, node);
			return;
		}
		u32 size = rd32(node), count = rd32(node + 4);
		if (count > size || count > MAX_MR_COUNT || !readable_pa(b, node + 16, (u64)count * 16)) {
			fail("efi.memreserve: node %d at PA 0x%lx: count %u, size %u: not a sane linux_efi_memreserve", nodes, node, count, size);
			return;
		}
		for (u32 i = 0; i < count; i++, ranges++) {
			u64 base = rd64(node + 16 + (u64)i * 16), len = rd64(node + 24 + (u64)i * 16);
			struct range res = { base, base + len };
			if (range_ok(base, len) && overlaps(img, res)) {
				fail("efi.memreserve: reserved [0x%lx, 0x%lx) (node %d entry %u) overlaps the image + trampoline [0x%lx, 0x%lx): Linux keeps live data there (e.g. GICv3 LPI tables) that will overwrite the kernel",
				    res.start, res.end, nodes, i, img.start, img.end);
				return;
			}
			if (ranges < 16)
				info("memreserve [0x%lx, 0x%lx)", res.start, res.end);
		}
		node = rd64(node + 8);
	}
	pass("efi.memreserve: %d range(s) in %d node(s), none overlaps the image + trampoline [0x%lx, 0x%lx)",
	    ranges, nodes, img.start, img.end);
}

/* ACPI RSDP: signature, the 20-byte checksum and (revision >= 2) the extended checksum. */
static bool rsdp_ok(u64 pa)
{
	static const char sig[8] = "RSD PTR ";
	u8 sum = 0, xsum = 0;

	for (u64 i = 0; i < 8; i++)
		if (rd8(pa + i) != (u8)sig[i])
			return false;
	for (u64 i = 0; i < 20; i++)
		sum = (u8)(sum + rd8(pa + i));
	u32 len = rd8(pa + 15) >= 2 ? rd32(pa + 20) : 20;
	if (len < 20 || len > 256)
		return false;
	for (u64 i = 0; i < len; i++)
		xsum = (u8)(xsum + rd8(pa + i));
	return sum == 0 && xsum == 0;
}

static void check_rsdp(const struct boot *b, u64 acpi20)
{
	char value[40];
	u64 env_rsdp;

	if (!env_get(b, "acpi.rsdp", value, sizeof(value))) {
		if (acpi20 != 0)
			info("ACPI 2.0 table at PA 0x%lx but no acpi.rsdp in the environment (kboot sets it)", acpi20);
		return;
	}
	if (!parse_u64(value, 0, &env_rsdp)) {
		fail("efi.acpi-rsdp: acpi.rsdp=\"%s\" is not a number", value);
		return;
	}
	if (acpi20 == 0) {
		fail("efi.acpi-rsdp: acpi.rsdp=%s but the EFI configuration table has no ACPI 2.0 entry", value);
		return;
	}
	char hint[40];
	u64 hint_rsdp;
	if (env_get(b, "hint.acpi.0.rsdp", hint, sizeof(hint)) && (!parse_u64(hint, 0, &hint_rsdp) || hint_rsdp != env_rsdp)) {
		fail("efi.acpi-rsdp: hint.acpi.0.rsdp=%s differs from acpi.rsdp=%s", hint, value);
		return;
	}
	if (env_rsdp != acpi20) {
		fail("efi.acpi-rsdp: acpi.rsdp=%s, the ACPI 2.0 configuration table entry points at 0x%lx", value, acpi20);
		return;
	}
	check(readable_pa(b, acpi20, 36) && rsdp_ok(acpi20),
	    "efi.acpi-rsdp: acpi.rsdp=%s is the ACPI 2.0 entry; RSDP there: signature \"RSD PTR \" and checksums %s",
	    value, readable_pa(b, acpi20, 36) && rsdp_ok(acpi20) ? "valid" : "INVALID (or not in RAM)");
}

void check_efi_systab(struct boot *b)
{
	const struct file *k = kernel_file(b);
	const struct record *r = k != NULL ? find_record(b, k, MD(MODINFOMD_FW_HANDLE)) : NULL;

	if (r == NULL || r->size != 8) {
		info("no FW_HANDLE: no EFI runtime services, no memreserve exclusion");
		return;
	}
	u64 st = record_u64(b, r);
	if (b->efi_map == NULL) {
		fail("efi.systab: FW_HANDLE 0x%lx without EFI_MAP: exclude_efi_memreserve translates through the EFI map and would dereference a NULL map", st);
		return;
	}
	if (!b->efi_map_ok)
		return;
	if (!readable_pa(b, st, SYSTAB_SIZE) || rd64(st) != SYSTAB_SIG) {
		fail("efi.systab: FW_HANDLE PA 0x%lx: %s", st,
		    readable_pa(b, st, SYSTAB_SIZE) ? "no \"IBI SYST\" signature there" : "not in memory the EFI map describes as RAM");
		return;
	}
	u32 rev = rd32(st + 8);
	u64 entries = rd64(st + 104), cfg = rd64(st + 112);
	if (entries > MAX_CFG) {
		fail("efi.systab: at PA 0x%lx: %lu configuration table entries: not sane", st, entries);
		return;
	}
	pass("efi.systab: EFI system table at PA 0x%lx, revision %u.%u, %lu configuration tables at 0x%lx",
	    st, rev >> 16, (rev & 0xffff) / 10, entries, cfg);
	if (cfg == 0 || entries == 0)
		return;

	u64 memreserve = 0, acpi20 = 0, first = efi_va_to_pa(b, cfg);
	for (u64 i = 0; i < entries; i++) {
		u64 va = cfg + i * CFG_ENTRY, pa = efi_va_to_pa(b, va);
		if (pa == 0 || !readable_pa(b, pa, CFG_ENTRY)) {
			fail("efi.cfgtbl: entry %lu at 0x%lx is not inside any EFI_MEMORY_RUNTIME descriptor's virtual range%s: FreeBSD's exclude_efi_memreserve would panic (\"Can't map the config table entry\")",
			    i, va, readable_pa(b, va, CFG_ENTRY) ? " (it is a valid PA: the map's VirtualStart fields do not cover it)" : "");
			return;
		}
		if (guid_is(pa, guid_memreserve))
			memreserve = rd64(pa + 16);
		if (guid_is(pa, guid_acpi20))
			acpi20 = rd64(pa + 16);
	}
	pass("efi.cfgtbl: %lu entries; ConfigurationTable 0x%lx -> PA 0x%lx via RUNTIME VirtualStart (%s)",
	    entries, cfg, first, first == cfg ? "identity: VirtualStart == PhysicalStart" : "a SetVirtualAddressMap VA");
	if (memreserve != 0)
		check_memreserve(b, memreserve);
	else
		info("no LINUX_EFI_MEMRESERVE table");
	check_rsdp(b, acpi20);
}
