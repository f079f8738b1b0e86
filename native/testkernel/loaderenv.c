/*
 * Expectations about what FreeBSD's loader adds to the environment and the
 * file list beyond the kernel's own needs: the SMBIOS variables (checked
 * against the entry point in memory they name), the platform entropy file,
 * and a device-tree node an overlay added.
 */
#include "jktest.h"

#define ENTROPY_TYPE	"boot_entropy_platform"
#define HARVEST_EVENT	8	/* random_harvestq.c feeds it in he_entropy-sized pieces */
#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9

/* The bytes of s (without its NUL) at pa. */
static bool bytes_are(u64 pa, const char *s)
{
	for (u64 i = 0; s[i] != '\0'; i++)
		if (rd8(pa + i) != (u8)s[i])
			return false;
	return true;
}

static u8 checksum(u64 pa, u64 len)
{
	u8 sum = 0;

	for (u64 i = 0; i < len; i++)
		sum += rd8(pa + i);
	return sum;
}

/*
 * jktest.expect.smbios=1: hint.smbios.0.mem names a readable SMBIOS entry
 * point with a valid checksum, and smbios.entry_point_type and smbios.version
 * are what stand/libsa/smbios.c derives from it.
 */
void expect_smbios(const struct boot *b, const char *value)
{
	char mem[32], type[32], version[16], want[16];
	u64 pa;

	if (jk_strcmp(value, "1") != 0) {
		fail("expect.smbios: value \"%s\", only 1 is meaningful", value);
		return;
	}
	if (!env_get(b, "hint.smbios.0.mem", mem, sizeof(mem)) || !starts_with(mem, "0x") ||
	    !parse_u64(mem + 2, 16, &pa)) {
		fail("expect.smbios: hint.smbios.0.mem is missing or not 0x<hex>");
		return;
	}
	if (!readable_pa(b, pa, 0x20)) {
		fail("expect.smbios: hint.smbios.0.mem 0x%lx is not in memory the kernel may read", pa);
		return;
	}
	bool v3 = bytes_are(pa, "_SM3_");
	bool v2 = !v3 && bytes_are(pa, "_SM_") && bytes_are(pa + 0x10, "_DMI_");
	if (!v3 && !v2) {
		fail("expect.smbios: no \"_SM3_\" or \"_SM_\" anchor at hint.smbios.0.mem 0x%lx", pa);
		return;
	}
	u64 len = rd8(pa + (v3 ? 6 : 5));
	if (len < (v3 ? 0x18UL : 0x1fUL) || checksum(pa, len) != 0) {
		fail("expect.smbios: the entry point at 0x%lx (length %lu) has a bad length or checksum", pa, len);
		return;
	}
	u32 major = rd8(pa + (v3 ? 7 : 6)), minor = rd8(pa + (v3 ? 8 : 7));
	u32 bcd = v3 ? 0 : rd8(pa + 0x1e);
	if (bcd != 0 && (bcd >> 4) <= 9 && (bcd & 15) <= 9) {
		major = bcd >> 4;
		minor = bcd & 15;
	}
	/* "%u.%u" by hand: the test kernel's printf only prints. */
	int n = 0;
	char digits[8];
	for (u32 part = 0; part < 2; part++) {
		u32 v = part == 0 ? major : minor;
		int d = 0;
		do {
			digits[d++] = (char)('0' + v % 10);
			v /= 10;
		} while (v != 0);
		while (d > 0)
			want[n++] = digits[--d];
		if (part == 0)
			want[n++] = '.';
	}
	want[n] = '\0';
	bool type_ok = env_get(b, "smbios.entry_point_type", type, sizeof(type)) &&
	    jk_strcmp(type, v3 ? "v3 (64-bit)" : "v2.1 (32-bit)") == 0;
	bool version_ok = env_get(b, "smbios.version", version, sizeof(version)) && jk_strcmp(version, want) == 0;
	check(type_ok && version_ok,
	    "expect.smbios: entry point %s at 0x%lx, SMBIOS %s; smbios.entry_point_type %s, smbios.version %s",
	    v3 ? "_SM3_" : "_SM_", pa, want, type_ok ? "matches" : "DOES NOT match", version_ok ? "matches" : "DOES NOT match");
}

/*
 * jktest.expect.entropy=<size>: exactly one boot_entropy_platform file, inside
 * the early window, of that size, a multiple of the kernel's harvest event,
 * and not all zero bytes.
 */
void expect_entropy(const struct boot *b, const char *value)
{
	const struct file *f = NULL;
	int matches = 0;
	u64 size;

	if (!parse_u64(value, 10, &size)) {
		fail("expect.entropy: \"%s\" is not a decimal size", value);
		return;
	}
	for (int n = 1; n < b->nfiles; n++)
		if (jk_strcmp(b->files[n].type, ENTROPY_TYPE) == 0) {
			f = &b->files[n];
			matches++;
		}
	if (matches != 1) {
		fail("expect.entropy: %d files of type " ENTROPY_TYPE ", expected exactly one", matches);
		return;
	}
	if (!f->has_addr || !f->has_size || !in_window(b, f->addr, f->size)) {
		fail("expect.entropy: \"%s\" has no ADDR/SIZE inside the early window", f->name);
		return;
	}
	bool nonzero = false;
	for (u64 i = 0; i < f->size && !nonzero; i++)
		nonzero = rd8(pa_of(b, f->addr) + i) != 0;
	check(f->size == size && f->size % HARVEST_EVENT == 0 && nonzero,
	    "expect.entropy: " ENTROPY_TYPE " \"%s\" at 0x%lx, %lu bytes (expected %lu, a multiple of %d), %s",
	    f->name, f->addr, f->size, size, HARVEST_EVENT, nonzero ? "not all zero" : "ALL ZERO");
}

/* jktest.expect.dtnode=<name>: the DTB the kernel got has a node of exactly that name. */
void expect_dtnode(const struct boot *b, const char *name)
{
	if (b->dtb_va == 0) {
		fail("expect.dtnode: no usable DTB, so no node %s", name);
		return;
	}
	u64 base = pa_of(b, b->dtb_va);
	u64 at = base + rdbe32(base + 8), end = at + rdbe32(base + 36);
	int nodes = 0;
	while (at + 4 <= end) {
		u32 token = rdbe32(at);
		at += 4;
		if (token == FDT_BEGIN_NODE) {
			u64 len = strnlen_pa(at, end - at);
			nodes++;
			if (len < end - at && streq_pa(at, len + 1, name)) {
				pass("expect.dtnode: the DTB has a node %s (node %d)", name, nodes);
				return;
			}
			at += ALIGN_UP(len + 1, 4);
		} else if (token == FDT_PROP) {
			if (at + 8 > end)
				break;
			at += 8 + ALIGN_UP(rdbe32(at), 4);
		} else if (token == FDT_END) {
			break;
		} else if (token != FDT_END_NODE && token != FDT_NOP) {
			break;
		}
	}
	fail("expect.dtnode: the DTB has no node %s among its %d nodes", name, nodes);
}
