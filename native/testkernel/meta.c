/*
 * The metadata block at modulep, read the way sys/kern/subr_module.c reads
 * it: records of u32 type, u32 size, data; the next one at
 * roundup(8 + size, 8); the first record whose type and size are both 0 ends
 * the block. A file is a NAME record and everything up to the next NAME; the
 * kernel looks up its own records (HOWTO, ENVP, ...) only within its file.
 */
#include "jktest.h"

u64 record_u64(const struct boot *b, const struct record *r)
{
	return rd64(pa_of(b, r->va));
}

static const char *record_name(u32 type)
{
	switch (type) {
	case MODINFO_NAME: return "NAME";
	case MODINFO_TYPE: return "TYPE";
	case MODINFO_ADDR: return "ADDR";
	case MODINFO_SIZE: return "SIZE";
	case MODINFO_EMPTY: return "EMPTY";
	case MODINFO_ARGS: return "ARGS";
	case MD(MODINFOMD_ELFHDR): return "ELFHDR";
	case MD(MODINFOMD_SSYM): return "SSYM";
	case MD(MODINFOMD_ESYM): return "ESYM";
	case MD(MODINFOMD_DYNAMIC): return "DYNAMIC";
	case MD(MODINFOMD_ENVP): return "ENVP";
	case MD(MODINFOMD_HOWTO): return "HOWTO";
	case MD(MODINFOMD_KERNEND): return "KERNEND";
	case MD(MODINFOMD_SHDR): return "SHDR";
	case MD(MODINFOMD_CTORS_ADDR): return "CTORS_ADDR";
	case MD(MODINFOMD_CTORS_SIZE): return "CTORS_SIZE";
	case MD(MODINFOMD_FW_HANDLE): return "FW_HANDLE";
	case MD(MODINFOMD_FONT): return "FONT";
	case MD(MODINFOMD_EFI_MAP): return "EFI_MAP";
	case MD(MODINFOMD_DTBP): return "DTBP";
	case MD(MODINFOMD_EFI_FB): return "EFI_FB";
	default: return NULL;
	}
}

/* The size every fixed-size record must have on arm64, or 0 if it varies. */
static u32 fixed_size(u32 type)
{
	switch (type) {
	case MODINFO_ADDR:
	case MODINFO_SIZE:
	case MD(MODINFOMD_SSYM):
	case MD(MODINFOMD_ESYM):
	case MD(MODINFOMD_DYNAMIC):
	case MD(MODINFOMD_ENVP):
	case MD(MODINFOMD_KERNEND):
	case MD(MODINFOMD_CTORS_ADDR):
	case MD(MODINFOMD_CTORS_SIZE):
	case MD(MODINFOMD_FW_HANDLE):
	case MD(MODINFOMD_DTBP):
		return 8;
	case MD(MODINFOMD_HOWTO):
		return 4;	/* an int */
	case MD(MODINFOMD_ELFHDR):
		return 64;	/* Elf64_Ehdr */
	case MD(MODINFOMD_EFI_FB):
		return 48;
	default:
		return 0;
	}
}

const struct record *find_record(const struct boot *b, const struct file *f, u32 type)
{
	for (int i = f->first; i < f->first + f->count; i++)
		if (b->recs[i].type == type)
			return &b->recs[i];
	return NULL;
}

const struct file *kernel_file(const struct boot *b)
{
	return b->nfiles > 0 && jk_strcmp(b->files[0].type, "elf kernel") == 0 ? &b->files[0] : NULL;
}

/* Walks the records to END, storing them. False if the block cannot be walked. */
static bool walk(struct boot *b)
{
	u64 va = b->in.modulep;
	int stray_end = -1;

	for (;;) {
		u64 off = va - b->in.modulep;
		if (!in_window(b, va, 8)) {
			fail("meta.walk: record %d would start at 0x%lx (offset 0x%lx), outside locore's early window [0x%lx, 0x%lx): no END record before it",
			    b->nrecs, va, off, b->window.start, b->window.end);
			return false;
		}
		u32 type = rd32(pa_of(b, va));
		u32 size = rd32(pa_of(b, va) + 4);
		if (type == MODINFO_END && size == 0) {
			b->meta_end = va + 8;
			break;
		}
		if (!in_window(b, va + 8, size)) {
			fail("meta.walk: record %d (type 0x%x) at offset 0x%lx claims %u bytes, ending at 0x%lx beyond the early window end 0x%lx",
			    b->nrecs, type, off, size, va + 8 + size, b->window.end);
			return false;
		}
		if (b->nrecs == MAX_RECORDS) {
			fail("meta.walk: more than %d records before END (offset 0x%lx): not a sane metadata block",
			    MAX_RECORDS, off);
			return false;
		}
		if (type == MODINFO_END && stray_end < 0)
			stray_end = b->nrecs;
		b->recs[b->nrecs++] = (struct record){ type, size, va + 8 };
		va += ALIGN_UP(8 + (u64)size, 8);
	}
	if (stray_end >= 0) {
		fail("meta.walk: record %d at offset 0x%lx has type 0 (END) but size %u: a corrupt end marker",
		    stray_end, b->recs[stray_end].va - 8 - b->in.modulep, b->recs[stray_end].size);
	} else {
		pass("meta.walk: %d records, %lu bytes from modulep 0x%lx to the END record",
		    b->nrecs, b->meta_end - b->in.modulep, b->in.modulep);
	}
	return true;
}

/* Copies a string record into buf; false if it is not NUL-terminated within its size. */
static bool record_string(const struct boot *b, const struct record *r, char *buf, size_t bufsz)
{
	u64 pa = pa_of(b, r->va);

	copy_str_pa(buf, bufsz, pa, r->size);
	return r->size > 0 && strnlen_pa(pa, r->size) < r->size;
}

static void split_files(struct boot *b)
{
	for (int i = 0; i < b->nrecs; i++) {
		const struct record *r = &b->recs[i];
		if (r->type == MODINFO_NAME) {
			if (b->nfiles == MAX_FILES) {
				fail("meta.files: more than %d files", MAX_FILES);
				return;
			}
			struct file *f = &b->files[b->nfiles++];
			*f = (struct file){ .first = i, .count = 0 };
			if (!record_string(b, r, f->name, sizeof(f->name)))
				fail("meta.strings: NAME of file %d (record %d, %u bytes) is not NUL-terminated",
				    b->nfiles - 1, i, r->size);
		}
		if (b->nfiles > 0)
			b->files[b->nfiles - 1].count++;
	}
	for (int n = 0; n < b->nfiles; n++) {
		struct file *f = &b->files[n];
		const struct record *r;
		if ((r = find_record(b, f, MODINFO_TYPE)) != NULL) {
			f->has_type = true;
			if (!record_string(b, r, f->type, sizeof(f->type)))
				fail("meta.strings: TYPE of file %d \"%s\" (%u bytes) is not NUL-terminated",
				    n, f->name, r->size);
		}
		if ((r = find_record(b, f, MODINFO_ADDR)) != NULL && r->size == 8) {
			f->has_addr = true;
			f->addr = record_u64(b, r);
		}
		if ((r = find_record(b, f, MODINFO_SIZE)) != NULL && r->size == 8) {
			f->has_size = true;
			f->size = record_u64(b, r);
		}
	}
}

static void describe_files(const struct boot *b)
{
	for (int n = 0; n < b->nfiles; n++) {
		const struct file *f = &b->files[n];
		jk_printf("jktest: INFO file %d \"%s\" records:", n, f->name);
		for (int i = f->first; i < f->first + f->count; i++) {
			const char *name = record_name(b->recs[i].type);
			if (name != NULL)
				jk_printf(" %s", name);
			else
				jk_printf(" 0x%x(unknown)", b->recs[i].type);
		}
		jk_printf("\r\n");
	}
}

/* Fixed sizes right, no record twice within a file (the kernel would only ever see the first). */
static void check_records(const struct boot *b)
{
	int bad = 0;

	for (int i = 0; i < b->nrecs; i++) {
		const struct record *r = &b->recs[i];
		u32 want = fixed_size(r->type);
		if (want != 0 && r->size != want) {
			fail("meta.records: record %d (%s) at offset 0x%lx has size %u, must be %u",
			    i, record_name(r->type), r->va - 8 - b->in.modulep, r->size, want);
			bad++;
		}
	}
	for (int n = 0; n < b->nfiles; n++) {
		const struct file *f = &b->files[n];
		for (int i = f->first; i < f->first + f->count; i++)
			for (int j = f->first; j < i; j++)
				if (b->recs[i].type == b->recs[j].type) {
					fail("meta.records: file %d \"%s\" has record type 0x%x twice (records %d and %d); the kernel only sees the first",
					    n, f->name, b->recs[i].type, j, i);
					bad++;
				}
	}
	if (bad == 0)
		pass("meta.records: every fixed-size record has its size, no file repeats a record type");
}

static void check_kernel_records(struct boot *b)
{
	const struct file *k = kernel_file(b);
	const struct record *r;
	int kernels = 0;

	for (int n = 0; n < b->nfiles; n++)
		if (jk_strcmp(b->files[n].type, "elf kernel") == 0)
			kernels++;
	if (k == NULL || k->count < 2 || b->recs[k->first + 1].type != MODINFO_TYPE) {
		fail("meta.kernel-first: the first file (\"%s\", type \"%s\") must be the kernel: NAME then TYPE \"elf kernel\"",
		    b->nfiles > 0 ? b->files[0].name : "", b->nfiles > 0 ? b->files[0].type : "");
		return;
	}
	check(kernels == 1, "meta.kernel-first: \"%s\" is file 0 with NAME then TYPE \"elf kernel\"; %d file(s) of type \"elf kernel\"",
	    k->name, kernels);

	if (!k->has_addr)
		fail("meta.kernel-addr: the kernel has no (8-byte) ADDR record");
	else
		check(k->addr == KERNBASE, "meta.kernel-addr: ADDR 0x%lx, must be KERNBASE 0x%lx", k->addr, KERNBASE);

	r = find_record(b, k, MD(MODINFOMD_HOWTO));
	if (r == NULL)
		fail("meta.howto: no HOWTO record among the kernel's records (boothowto would be 0)");
	else if (r->size == 4)
		pass("meta.howto: HOWTO 0x%x", rd32(pa_of(b, r->va)));
	else
		fail("meta.howto: HOWTO has %u bytes, must be an int (4)", r->size);

	r = find_record(b, k, MD(MODINFOMD_KERNEND));
	if (r == NULL)
		fail("meta.kernend: no KERNEND record among the kernel's records: lastaddr = 0, pmap_bootstrap would be handed a negative kernel size");
	else if (r->size != 8)
		fail("meta.kernend: KERNEND has %u bytes, must be 8", r->size);
	else
		b->kernend = record_u64(b, r);
}

void check_metadata(struct boot *b)
{
	if (!walk(b))
		return;
	b->meta_ok = true;
	check(b->nrecs > 0 && b->recs[0].type == MODINFO_NAME,
	    "meta.first-name: the first record has type 0x%x; NAME (0x1) \"must come first\"",
	    b->nrecs > 0 ? b->recs[0].type : 0);
	split_files(b);
	describe_files(b);
	check_records(b);
	check_kernel_records(b);
}
