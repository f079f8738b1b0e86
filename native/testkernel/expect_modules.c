/*
 * jktest.expect.modules=A.ko,B.ko,...: the "elf module" files in the preload list are exactly
 * these, by basename, in this order, each placed in the early window at a higher address than
 * the one before. FreeBSD's loader appends a module and then the modules it depends on
 * (stand/common/module.c mod_loadkld, file_load_dependencies), so a module comes before its
 * dependencies; the order is what the loader produces, and the kernel's linker_preload sorts
 * them out itself.
 */
#include "jktest.h"

/* Whether the basename is exactly the next list item, the LEN bytes at WANT. */
static bool is_item(const char *base, const char *want, size_t len)
{
	if (len == 0 || jk_strlen(base) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (base[i] != want[i])
			return false;
	return true;
}

void expect_modules(const struct boot *b, const char *value)
{
	const char *want = value;
	u64 last_end = 0;
	int count = 0;

	for (int n = 1; n < b->nfiles; n++) {
		const struct file *f = &b->files[n];
		if (jk_strcmp(f->type, "elf module") != 0)
			continue;
		size_t len = 0;
		while (want[len] != '\0' && want[len] != ',')
			len++;
		const char *base = basename_of(f->name);
		if (!is_item(base, want, len)) {
			fail("expect.modules: module %d is \"%s\", expected the list \"%s\" from there on", count + 1,
			    f->name, want);
			return;
		}
		if (!f->has_addr || !f->has_size || !in_window(b, f->addr, f->size) || f->addr < last_end) {
			fail("expect.modules: \"%s\" (ADDR 0x%lx, SIZE 0x%lx) is not placed after the module before it (end 0x%lx)",
			    f->name, f->addr, f->size, last_end);
			return;
		}
		last_end = f->addr + f->size;
		count++;
		want += len;
		if (*want == ',')
			want++;
	}
	check(*want == '\0', "expect.modules: %d modules in the order \"%s\"%s%s", count, value,
	    *want == '\0' ? "" : ", missing: ", want);
}
