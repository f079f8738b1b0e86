/*
 * The loader environment at ENVP: "name=value\0" entries and one extra "\0"
 * (stand/common/modinfo.c md_copyenv). The kernel uses it in place as its
 * static kenv before pmap_bootstrap, so it must lie in the early window.
 * FreeBSD's loader keeps its list sorted by strcmp on the name.
 */
#include "jktest.h"

#define NAME_MAX_LEN	128
#define VALUE_MAX_LEN	256

/* strcmp on the names of two entries; a name ends at its first '='. */
static int compare_names(u64 a, u64 b)
{
	for (;; a++, b++) {
		u8 ca = rd8(a), cb = rd8(b);
		ca = ca == '=' ? 0 : ca;
		cb = cb == '=' ? 0 : cb;
		if (ca != cb || ca == 0)
			return (int)ca - (int)cb;
	}
}

void check_env(struct boot *b)
{
	const struct file *k = kernel_file(b);
	const struct record *r = k != NULL ? find_record(b, k, MD(MODINFOMD_ENVP)) : NULL;

	if (r == NULL || r->size != 8) {
		fail("env.block: no (8-byte) ENVP record among the kernel's records: no loader environment (the kernel would parse /chosen/bootargs instead)");
		return;
	}
	u64 va = record_u64(b, r), pos = va;
	int count = 0;
	if (!in_window(b, va, 1)) {
		fail("env.block: ENVP 0x%lx is outside locore's early window [0x%lx, 0x%lx)", va, b->window.start, b->window.end);
		return;
	}
	for (;;) {
		u64 room = b->window.end - pos;
		u64 len = strnlen_pa(pa_of(b, pos), room);
		if (len == room) {
			fail("env.block: entry %d at 0x%lx runs to the early window end 0x%lx without a NUL", count, pos, b->window.end);
			return;
		}
		if (len == 0)
			break;
		u64 eq = 0;
		while (eq < len && rd8(pa_of(b, pos) + eq) != '=')
			eq++;
		if (eq == 0 || eq == len) {
			char text[64];
			copy_str_pa(text, sizeof(text), pa_of(b, pos), len);
			fail("env.block: entry %d at offset %lu (\"%s\") is not name=value", count, pos - va, text);
			return;
		}
		count++;
		pos += len + 1;
	}
	b->env = (struct env_block){ .ok = true, .va = va, .len = pos + 1 - va };
	pass("env.block: %d variables, %lu bytes at 0x%lx", count, b->env.len, va);

	u64 prev = 0;
	for (u64 cur = va; rd8(pa_of(b, cur)) != 0; cur += strnlen_pa(pa_of(b, cur), b->window.end - cur) + 1) {
		if (prev != 0 && compare_names(pa_of(b, prev), pa_of(b, cur)) >= 0) {
			char a[64], c[64];
			copy_str_pa(a, sizeof(a), pa_of(b, prev), 63);
			copy_str_pa(c, sizeof(c), pa_of(b, cur), 63);
			fail("env.sorted: \"%s\" (offset %lu) comes after \"%s\": the loader keeps its list sorted by strcmp on the name, without duplicates",
			    c, cur - va, a);
			return;
		}
		prev = cur;
	}
	pass("env.sorted: names in strictly increasing strcmp order");
}

void env_each(const struct boot *b, bool (*fn)(const char *name, const char *value, void *arg), void *arg)
{
	if (!b->env.ok)
		return;
	for (u64 cur = b->env.va; rd8(pa_of(b, cur)) != 0;) {
		u64 pa = pa_of(b, cur);
		u64 len = strnlen_pa(pa, b->env.va + b->env.len - cur);
		char name[NAME_MAX_LEN], value[VALUE_MAX_LEN];
		u64 eq = 0;
		while (rd8(pa + eq) != '=')
			eq++;
		copy_str_pa(name, sizeof(name), pa, eq);
		copy_str_pa(value, sizeof(value), pa + eq + 1, len - eq - 1);
		if (!fn(name, value, arg))
			return;
		cur += len + 1;
	}
}

struct lookup {
	const char *name;
	char *value;
	size_t valuesz;
	bool found;
};

static bool match(const char *name, const char *value, void *arg)
{
	struct lookup *l = arg;

	if (jk_strcmp(name, l->name) != 0)
		return true;
	size_t i;
	for (i = 0; i + 1 < l->valuesz && value[i] != '\0'; i++)
		l->value[i] = value[i];
	l->value[i] = '\0';
	l->found = true;
	return false;
}

bool env_get(const struct boot *b, const char *name, char *value, size_t valuesz)
{
	struct lookup l = { name, value, valuesz, false };

	env_each(b, match, &l);
	return l.found;
}
