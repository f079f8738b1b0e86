/*
 * Readers for physical memory and the few string helpers a freestanding
 * kernel needs. With the MMU off every access is to Device memory, where an
 * unaligned access faults: multi-byte readers fall back to single bytes
 * whenever the address is not naturally aligned.
 */
#include "jktest.h"

u8 rd8(u64 pa)
{
	return *(volatile const u8 *)pa;
}

static u64 rd_bytes(u64 pa, int n)
{
	u64 v = 0;

	for (int i = n - 1; i >= 0; i--)
		v = (v << 8) | rd8(pa + (u64)i);
	return v;
}

u16 rd16(u64 pa)
{
	return IS_ALIGNED(pa, 2) ? *(volatile const u16 *)pa : (u16)rd_bytes(pa, 2);
}

u32 rd32(u64 pa)
{
	return IS_ALIGNED(pa, 4) ? *(volatile const u32 *)pa : (u32)rd_bytes(pa, 4);
}

u64 rd64(u64 pa)
{
	return IS_ALIGNED(pa, 8) ? *(volatile const u64 *)pa : rd_bytes(pa, 8);
}

u32 rdbe32(u64 pa)
{
	return __builtin_bswap32(rd32(pa));
}

u64 strnlen_pa(u64 pa, u64 max)
{
	u64 n = 0;

	while (n < max && rd8(pa + n) != 0)
		n++;
	return n;
}

bool streq_pa(u64 pa, u64 max, const char *s)
{
	u64 i;

	for (i = 0; i < max; i++) {
		u8 c = rd8(pa + i);
		if (c != (u8)s[i])
			return false;
		if (c == 0)
			return true;
	}
	return false;
}

/* For messages: bounded, NUL-terminated, non-printable bytes shown as '?'. */
void copy_str_pa(char *dst, size_t dstsz, u64 pa, u64 max)
{
	size_t i;

	for (i = 0; i + 1 < dstsz && i < max; i++) {
		u8 c = rd8(pa + i);
		if (c == 0)
			break;
		dst[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	dst[i] = '\0';
}

bool memeq_pa(u64 a, u64 b, u64 len)
{
	for (u64 i = 0; i < len; i++)
		if (rd8(a + i) != rd8(b + i))
			return false;
	return true;
}

/* zlib/IEEE CRC-32 (reflected polynomial 0xedb88320), bitwise: no table in data. */
u32 crc32_pa(u64 pa, u64 len)
{
	u32 crc = 0xffffffffu;

	for (u64 i = 0; i < len; i++) {
		crc ^= rd8(pa + i);
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

size_t jk_strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

int jk_strcmp(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return (int)(u8)*a - (int)(u8)*b;
}

bool starts_with(const char *s, const char *prefix)
{
	while (*prefix != '\0')
		if (*s++ != *prefix++)
			return false;
	return true;
}

/* base 0: "0x" prefix means hex, else decimal. The whole string must be a number. */
bool parse_u64(const char *s, int base, u64 *out)
{
	u64 v = 0;

	if (base == 0) {
		base = 10;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
			base = 16;
			s += 2;
		}
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
	}
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		int d;
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return false;
		if (d >= base || v > (~0UL - (u64)d) / (u64)base)
			return false;
		v = v * (u64)base + (u64)d;
	}
	*out = v;
	return true;
}

const char *basename_of(const char *path)
{
	const char *base = path;

	for (; *path != '\0'; path++)
		if (*path == '/')
			base = path + 1;
	return base;
}

bool overlaps(struct range a, struct range b)
{
	return a.start < b.end && b.start < a.end;
}

bool range_ok(u64 start, u64 len)
{
	return start + len >= start;
}

/* The compiler emits calls to these for struct copies and initialisers. */
void *memset(void *d, int c, size_t n)
{
	volatile u8 *p = d;

	while (n-- > 0)
		*p++ = (u8)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	volatile u8 *dp = d;
	const volatile u8 *sp = s;

	while (n-- > 0)
		*dp++ = *sp++;
	return d;
}
