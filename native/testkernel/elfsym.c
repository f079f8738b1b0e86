/*
 * The kernel's ELF records (ELFHDR, SHDR, DYNAMIC) and its symbol area
 * SSYM..ESYM (stand/common/load_elf.c layout: u64 symtab size, .symtab, pad
 * to 8, u64 strtab size, .strtab, pad to 8), checked against what this very
 * kernel knows about itself from its link.
 */
#include "jktest.h"

#define EHDR_SIZE	64
#define SHDR_SIZE	64
#define SYM_SIZE	24
#define ET_EXEC		2
#define EM_AARCH64	183
#define SHT_SYMTAB	2

const char *parse_symbols(const struct boot *b, u64 ssym, u64 esym, struct symtab *st)
{
	if (esym < ssym)
		return "ESYM is below SSYM";
	if (!in_window(b, ssym, esym - ssym))
		return "the area is not inside locore's early window";
	if (esym - ssym < 16)
		return "the area is too small for the two size words";
	st->sym_size = rd64(pa_of(b, ssym));
	st->sym_va = ssym + 8;
	if (st->sym_size > esym - st->sym_va)
		return "the symtab size runs past ESYM";
	if (st->sym_size % SYM_SIZE != 0)
		return "the symtab size is not a multiple of 24 (Elf64_Sym)";
	u64 str_hdr = ALIGN_UP(st->sym_va + st->sym_size, 8);
	if (str_hdr + 8 > esym)
		return "no room for the strtab size after the symtab";
	st->str_size = rd64(pa_of(b, str_hdr));
	st->str_va = str_hdr + 8;
	if (st->str_size > esym - st->str_va)
		return "the strtab size runs past ESYM";
	if (ALIGN_UP(st->str_va + st->str_size, 8) != esym)
		return "ESYM is not the 8-aligned end of the strtab";
	return NULL;
}

bool lookup_symbol(const struct boot *b, const struct symtab *st, const char *name, u64 *value)
{
	for (u64 off = 0; off < st->sym_size; off += SYM_SIZE) {
		u64 sym = pa_of(b, st->sym_va + off);
		u32 st_name = rd32(sym);
		u16 shndx = rd16(sym + 6);
		if (shndx == 0 || st_name >= st->str_size)
			continue;
		if (streq_pa(pa_of(b, st->str_va + st_name), st->str_size - st_name, name)) {
			*value = rd64(sym + 8);
			return true;
		}
	}
	return false;
}

/* The bytes at the load PA must be this kernel's ELF header: the first PT_LOAD starts at KERNBASE. */
static void check_image(const struct boot *b)
{
	u64 h = b->in.load_pa;
	bool elf = rd32(h) == 0x464c457f && rd8(h + 4) == 2 && rd8(h + 5) == 1;
	u16 type = rd16(h + 16), machine = rd16(h + 18);
	u64 entry = rd64(h + 24);

	check(elf && type == ET_EXEC && machine == EM_AARCH64 && entry == b->link_start,
	    "kernel.image: at load PA 0x%lx: ELF64 LE %s, e_type %u, e_machine %u, e_entry 0x%lx (_start links at 0x%lx)",
	    h, elf ? "yes" : "NO", type, machine, entry, b->link_start);
}

static void check_elfhdr(const struct boot *b, const struct file *k)
{
	const struct record *r = find_record(b, k, MD(MODINFOMD_ELFHDR));

	if (r == NULL || r->size != EHDR_SIZE)
		fail("kernel.elfhdr: no 64-byte ELFHDR record among the kernel's records");
	else
		check(memeq_pa(pa_of(b, r->va), b->in.load_pa, EHDR_SIZE),
		    "kernel.elfhdr: ELFHDR record %s the 64 bytes at the load PA 0x%lx",
		    memeq_pa(pa_of(b, r->va), b->in.load_pa, EHDR_SIZE) ? "equals" : "DIFFERS FROM", b->in.load_pa);

	r = find_record(b, k, MD(MODINFOMD_SHDR));
	u64 shnum = rd16(b->in.load_pa + 60), shentsize = rd16(b->in.load_pa + 58);
	if (r == NULL)
		fail("kernel.shdr: no SHDR record among the kernel's records");
	else
		check(shentsize == SHDR_SIZE && r->size == shnum * SHDR_SIZE,
		    "kernel.shdr: SHDR has %u bytes; e_shnum %lu x e_shentsize %lu = %lu",
		    r->size, shnum, shentsize, shnum * shentsize);
}

static void check_dynamic(const struct boot *b, const struct file *k)
{
	const struct record *r = find_record(b, k, MD(MODINFOMD_DYNAMIC));
	u64 want = va_of_pa(b, (u64)_DYNAMIC);

	if (r == NULL)
		fail("kernel.dynamic: no DYNAMIC record, the kernel has a PT_DYNAMIC at 0x%lx", want);
	else
		check(record_u64(b, r) == want, "kernel.dynamic: DYNAMIC 0x%lx, _DYNAMIC links at 0x%lx",
		    record_u64(b, r), want);
}

/* The section header of type `type` inside the SHDR record, or 0. */
static u64 find_section(const struct boot *b, const struct record *shdr, u32 type, u32 *index)
{
	for (u32 i = 0; shdr != NULL && (u64)(i + 1) * SHDR_SIZE <= shdr->size; i++) {
		u64 sh = pa_of(b, shdr->va) + (u64)i * SHDR_SIZE;
		if (rd32(sh + 4) == type) {
			*index = i;
			return sh;
		}
	}
	return 0;
}

static void check_symbols(struct boot *b, const struct file *k)
{
	const struct record *rs = find_record(b, k, MD(MODINFOMD_SSYM));
	const struct record *re = find_record(b, k, MD(MODINFOMD_ESYM));
	struct symtab st;
	const char *why;
	u64 value, marker = va_of_pa(b, (u64)jktest_marker);

	if (rs == NULL && re == NULL) {
		info("no SSYM/ESYM: the kernel gets no DDB symbols");
		return;
	}
	if (rs == NULL || re == NULL || rs->size != 8 || re->size != 8) {
		fail("kernel.symbols: SSYM and ESYM must come as a pair of 8-byte records (SSYM %s, ESYM %s)",
		    rs != NULL ? "present" : "missing", re != NULL ? "present" : "missing");
		return;
	}
	u64 ssym = record_u64(b, rs), esym = record_u64(b, re);
	b->has_syms = true;
	b->syms = (struct range){ ssym, esym };
	if ((why = parse_symbols(b, ssym, esym, &st)) != NULL) {
		fail("kernel.symbols: SSYM 0x%lx ESYM 0x%lx: %s", ssym, esym, why);
		return;
	}
	if (ssym < b->image_end) {
		fail("kernel.symbols: SSYM 0x%lx lies inside the kernel image (which ends at _end 0x%lx, .bss included)",
		    ssym, b->image_end);
		return;
	}
	u32 symndx = 0, strndx = 0;
	const struct record *shdr = find_record(b, k, MD(MODINFOMD_SHDR));
	u64 symsh = find_section(b, shdr, SHT_SYMTAB, &symndx);
	if (symsh != 0) {
		strndx = rd32(symsh + 40);
		u64 strsh = pa_of(b, shdr->va) + (u64)strndx * SHDR_SIZE;
		u64 want_sym = rd64(symsh + 32), want_str = (u64)(strndx + 1) * SHDR_SIZE <= shdr->size ? rd64(strsh + 32) : 0;
		if (want_sym != st.sym_size || want_str != st.str_size) {
			fail("kernel.symbols: symtab %lu / strtab %lu bytes at SSYM, the SHDR record says %lu (section %u) / %lu (section %u)",
			    st.sym_size, st.str_size, want_sym, symndx, want_str, strndx);
			return;
		}
	}
	if (!lookup_symbol(b, &st, "jktest_marker", &value)) {
		fail("kernel.symbols: jktest_marker not found among %lu symbols", st.sym_size / SYM_SIZE);
		return;
	}
	check(value == marker, "kernel.symbols: %lu symbols at SSYM 0x%lx..ESYM 0x%lx; jktest_marker st_value 0x%lx, links at 0x%lx",
	    st.sym_size / SYM_SIZE, ssym, esym, value, marker);
}

void check_kernel_elf(struct boot *b)
{
	const struct file *k = kernel_file(b);

	check_image(b);
	if (k == NULL)
		return;
	check_elfhdr(b, k);
	check_dynamic(b, k);
	check_symbols(b, k);
}
