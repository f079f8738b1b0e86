/*
 * Expectations a test harness passes through the loader environment as
 * jktest.expect.<what>=<value>; each one present is checked, an unknown one
 * is a failure (a typo must not pass silently).
 */
#include "jktest.h"

#define PREFIX		"jktest.expect."
#define PAYLOAD_SYMBOL	"jktest_module_payload"
#define PAYLOAD		"jkboot test module payload v1"
#define ET_DYN		3
#define EM_AARCH64	183

struct expect {
	struct boot *b;
	const struct fdt_memory *fdt;
	int count;
};

static const struct record *kernel_record(const struct boot *b, u32 type)
{
	return find_record(b, kernel_file(b), type);
}

static void expect_el(const struct boot *b, const char *value)
{
	u64 el;

	check(parse_u64(value, 10, &el) && el == b->in.el, "expect.el: entered at EL%lu, expected EL%s", b->in.el, value);
}

static void expect_firmware(const struct boot *b, const struct fdt_memory *fdt, const char *value)
{
	bool efi_map = kernel_record(b, MD(MODINFOMD_EFI_MAP)) != NULL;
	bool fw_handle = kernel_record(b, MD(MODINFOMD_FW_HANDLE)) != NULL;
	bool dtb_memory = b->dtb_va != 0 && fdt->has_memory;

	if (jk_strcmp(value, "uefi") == 0)
		check(efi_map && fw_handle, "expect.firmware: uefi needs EFI_MAP (%s) and FW_HANDLE (%s)",
		    efi_map ? "present" : "MISSING", fw_handle ? "present" : "MISSING");
	else if (jk_strcmp(value, "fdt") == 0)
		check(!efi_map && dtb_memory, "expect.firmware: fdt needs no EFI_MAP (%s) and a DTB with /memory (%s)",
		    efi_map ? "PRESENT" : "absent", dtb_memory ? "present" : "MISSING");
	else
		fail("expect.firmware: \"%s\" is neither uefi nor fdt", value);
}

static void expect_howto(const struct boot *b, const char *value)
{
	const struct record *r = kernel_record(b, MD(MODINFOMD_HOWTO));
	u64 want;

	if (!parse_u64(value, 16, &want))
		fail("expect.howto: \"%s\" is not a hex number", value);
	else if (r == NULL || r->size != 4)
		fail("expect.howto: expected 0x%lx, there is no HOWTO record", want);
	else
		check(rd32(pa_of(b, r->va)) == want, "expect.howto: HOWTO 0x%x, expected 0x%lx", rd32(pa_of(b, r->va)), want);
}

static void expect_env(const struct boot *b, const char *name, const char *want)
{
	char value[256];

	if (!env_get(b, name, value, sizeof(value)))
		fail("expect.env.%s: not in the environment, expected \"%s\"", name, want);
	else
		check(jk_strcmp(value, want) == 0, "expect.env.%s: \"%s\", expected \"%s\"", name, value, want);
}

static void expect_symbols(const struct boot *b, const char *value)
{
	bool present = kernel_record(b, MD(MODINFOMD_SSYM)) != NULL && kernel_record(b, MD(MODINFOMD_ESYM)) != NULL;

	if (jk_strcmp(value, "1") != 0)
		fail("expect.symbols: value \"%s\", only 1 is meaningful", value);
	else
		check(present, "expect.symbols: SSYM/ESYM %s", present ? "present" : "MISSING");
}

/* The non-kernel files whose NAME has this basename (and type, if given): how many, and the last. */
static int files_named(const struct boot *b, const char *base, const char *type, const struct file **found)
{
	int matches = 0;

	for (int n = 1; n < b->nfiles; n++) {
		const struct file *f = &b->files[n];
		if (jk_strcmp(basename_of(f->name), base) == 0 && (type == NULL || jk_strcmp(f->type, type) == 0)) {
			*found = f;
			matches++;
		}
	}
	return matches;
}

static bool placed(const struct boot *b, const struct file *f)
{
	return f->has_addr && f->has_size && in_window(b, f->addr, f->size);
}

static void expect_file(const struct boot *b, const char *base, const char *spec)
{
	char size_text[32];
	u64 size, crc;
	size_t i;

	for (i = 0; spec[i] != '\0' && spec[i] != ':' && i + 1 < sizeof(size_text); i++)
		size_text[i] = spec[i];
	size_text[i] = '\0';
	if (spec[i] != ':' || !parse_u64(size_text, 0, &size) || jk_strlen(spec + i + 1) != 8 ||
	    !parse_u64(spec + i + 1, 16, &crc)) {
		fail("expect.file.%s: \"%s\" is not <size>:<crc32 as 8 hex digits>", base, spec);
		return;
	}
	const struct file *f = NULL;
	int matches = files_named(b, base, NULL, &f);
	if (matches != 1) {
		fail("expect.file.%s: %d loaded files have that basename, expected exactly one", base, matches);
		return;
	}
	if (!placed(b, f)) {
		fail("expect.file.%s: \"%s\" has no ADDR/SIZE inside the early window (ADDR 0x%lx, SIZE 0x%lx)",
		    base, f->name, f->addr, f->size);
		return;
	}
	if (f->size != size) {
		fail("expect.file.%s: \"%s\" SIZE %lu, expected %lu", base, f->name, f->size, size);
		return;
	}
	u32 got = crc32_pa(pa_of(b, f->addr), f->size);
	check(got == crc, "expect.file.%s: \"%s\" at 0x%lx, %lu bytes, CRC-32 %08x, expected %08lx",
	    base, f->name, f->addr, f->size, got, crc);
}

/*
 * The module's DYNAMIC record as the kernel uses it: link_elf_link_preload() takes
 * ef->dynamic = ADDR + DYNAMIC, so the record holds the module-relative p_vaddr of PT_DYNAMIC
 * (load_elf.c stores phdr.p_vaddr unrelocated), and parse_dynamic() then needs DT_HASH, DT_STRTAB
 * and DT_SYMTAB, each relative to ADDR too, before a DT_NULL inside the file.
 */
static const char *module_dynamic(const struct boot *b, const struct file *f, u64 dynamic)
{
	bool hash = false, strtab = false, symtab = false;

	if (dynamic % 8 != 0 || dynamic >= f->size)
		return "does not point into the module (the kernel adds ADDR to it: it must be module-relative)";
	for (u64 at = f->addr + dynamic; at + 16 <= f->addr + f->size; at += 16) {
		u64 tag = rd64(pa_of(b, at)), ptr = rd64(pa_of(b, at + 8));
		if (tag == 0)
			return !hash || !strtab || !symtab ? "lacks DT_HASH, DT_STRTAB or DT_SYMTAB" : NULL;
		if ((tag == 4 || tag == 5 || tag == 6) && ptr >= f->size)
			return "has a DT_HASH/DT_STRTAB/DT_SYMTAB pointer outside the module";
		hash |= tag == 4;
		strtab |= tag == 5;
		symtab |= tag == 6;
	}
	return "has no DT_NULL inside the module";
}

static void expect_module(const struct boot *b, const char *base)
{
	const struct file *f = NULL;
	const struct record *eh, *rs, *re;
	struct symtab st;
	const char *why;
	u64 value;
	int matches = files_named(b, base, "elf module", &f);

	if (matches != 1) {
		fail("expect.module: %d \"elf module\" files named %s, expected exactly one", matches, base);
		return;
	}
	if (!placed(b, f)) {
		fail("expect.module: \"%s\" has no ADDR/SIZE inside the early window (ADDR 0x%lx, SIZE 0x%lx)",
		    f->name, f->addr, f->size);
		return;
	}
	eh = find_record(b, f, MD(MODINFOMD_ELFHDR));
	if (eh == NULL || eh->size != 64) {
		fail("expect.module: \"%s\" has no 64-byte ELFHDR record", f->name);
		return;
	}
	u64 h = pa_of(b, eh->va);
	if (rd32(h) != 0x464c457f || rd8(h + 4) != 2 || rd8(h + 5) != 1 || rd16(h + 16) != ET_DYN || rd16(h + 18) != EM_AARCH64) {
		fail("expect.module: \"%s\" ELFHDR is not an ELF64 LE ET_DYN AArch64 header (e_type %u, e_machine %u)",
		    f->name, rd16(h + 16), rd16(h + 18));
		return;
	}
	const struct record *rd = find_record(b, f, MD(MODINFOMD_DYNAMIC));
	if (rd == NULL || rd->size != 8) {
		fail("expect.module: \"%s\" has no 8-byte DYNAMIC record (the kernel cannot link it)", f->name);
		return;
	}
	if ((why = module_dynamic(b, f, record_u64(b, rd))) != NULL) {
		fail("expect.module: \"%s\" DYNAMIC 0x%lx %s", f->name, record_u64(b, rd), why);
		return;
	}
	rs = find_record(b, f, MD(MODINFOMD_SSYM));
	re = find_record(b, f, MD(MODINFOMD_ESYM));
	if (rs == NULL || re == NULL || rs->size != 8 || re->size != 8) {
		fail("expect.module: \"%s\" lacks its SSYM/ESYM records", f->name);
		return;
	}
	u64 ssym = record_u64(b, rs), esym = record_u64(b, re);
	if (ssym < f->addr || esym > f->addr + f->size) {
		fail("expect.module: \"%s\" symbols 0x%lx..0x%lx lie outside the file [0x%lx, 0x%lx)",
		    f->name, ssym, esym, f->addr, f->addr + f->size);
		return;
	}
	if ((why = parse_symbols(b, ssym, esym, &st)) != NULL) {
		fail("expect.module: \"%s\" SSYM 0x%lx ESYM 0x%lx: %s", f->name, ssym, esym, why);
		return;
	}
	if (!lookup_symbol(b, &st, PAYLOAD_SYMBOL, &value)) {
		fail("expect.module: \"%s\" has no symbol " PAYLOAD_SYMBOL, f->name);
		return;
	}
	u64 at = f->addr + value;
	bool inside = value < f->size && at >= f->addr;
	check(inside && streq_pa(pa_of(b, at), f->addr + f->size - at, PAYLOAD),
	    "expect.module: \"%s\" at 0x%lx: " PAYLOAD_SYMBOL " (st_value 0x%lx) at 0x%lx %s \"" PAYLOAD "\"",
	    f->name, f->addr, value, at, inside && streq_pa(pa_of(b, at), f->addr + f->size - at, PAYLOAD) ? "holds" : "does NOT hold");
}

static bool visit(const char *name, const char *value, void *arg)
{
	struct expect *x = arg;

	if (!starts_with(name, PREFIX))
		return true;
	const char *what = name + jk_strlen(PREFIX);
	x->count++;
	if (jk_strcmp(what, "el") == 0)
		expect_el(x->b, value);
	else if (jk_strcmp(what, "firmware") == 0)
		expect_firmware(x->b, x->fdt, value);
	else if (jk_strcmp(what, "howto") == 0)
		expect_howto(x->b, value);
	else if (jk_strcmp(what, "symbols") == 0)
		expect_symbols(x->b, value);
	else if (jk_strcmp(what, "module") == 0)
		expect_module(x->b, value);
	else if (jk_strcmp(what, "modules") == 0)
		expect_modules(x->b, value);
	else if (jk_strcmp(what, "smbios") == 0)
		expect_smbios(x->b, value);
	else if (jk_strcmp(what, "entropy") == 0)
		expect_entropy(x->b, value);
	else if (jk_strcmp(what, "dtnode") == 0)
		expect_dtnode(x->b, value);
	else if (starts_with(what, "env."))
		expect_env(x->b, what + 4, value);
	else if (starts_with(what, "file."))
		expect_file(x->b, what + 5, value);
	else
		fail("expect.unknown: %s is not an expectation this test kernel knows", name);
	return true;
}

void check_expectations(struct boot *b, const struct fdt_memory *fdt)
{
	struct expect x = { b, fdt, 0 };

	env_each(b, visit, &x);
	if (x.count == 0)
		info("no " PREFIX "* variables: nothing expected by a harness");
}
