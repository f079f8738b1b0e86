/*
 * The FreeBSD-shaped test kernel: entered like a FreeBSD arm64 kernel (MMU off,
 * x0 = modulep), it checks everything the real kernel depends on and reports
 * one line per check on the PL011, then powers off through PSCI.
 *
 * It runs with the MMU off at a physical address while linked at KERNBASE:
 * pointers the compiler makes (adrp/adr) are physical; kernel VAs found in the
 * metadata are translated with pa_of(). All data accesses are Device memory,
 * hence -mstrict-align and the careful readers in lib.c.
 */
#ifndef JKTEST_H
#define JKTEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

#define KERNBASE	0xffff000000000000UL	/* sys/arm64/include/vmparam.h */
#define PAGE_SIZE	4096UL
#define L2_SIZE		(2UL << 20)		/* locore maps 2 MiB blocks */
#define GIB		(1UL << 30)

/* QEMU virt's PL011. The test kernel is a QEMU-only fixture. */
#define UART_PA		0x09000000UL

/* sys/sys/linker.h */
#define MODINFO_END		0x0000
#define MODINFO_NAME		0x0001
#define MODINFO_TYPE		0x0002
#define MODINFO_ADDR		0x0003
#define MODINFO_SIZE		0x0004
#define MODINFO_EMPTY		0x0005
#define MODINFO_ARGS		0x0006
#define MODINFO_METADATA	0x8000
#define MODINFOMD_ELFHDR	0x0002
#define MODINFOMD_SSYM		0x0003
#define MODINFOMD_ESYM		0x0004
#define MODINFOMD_DYNAMIC	0x0005
#define MODINFOMD_ENVP		0x0006
#define MODINFOMD_HOWTO		0x0007
#define MODINFOMD_KERNEND	0x0008
#define MODINFOMD_SHDR		0x0009
#define MODINFOMD_CTORS_ADDR	0x000a
#define MODINFOMD_CTORS_SIZE	0x000b
#define MODINFOMD_FW_HANDLE	0x000c
#define MODINFOMD_FONT		0x000e
/* sys/arm64/include/metadata.h */
#define MODINFOMD_EFI_MAP	0x1001
#define MODINFOMD_DTBP		0x1002
#define MODINFOMD_EFI_FB	0x1003
#define MD(x)			(MODINFO_METADATA | (x))

#define ALIGN_UP(x, a)		(((x) + (a) - 1) & ~((u64)(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((u64)(a) - 1)) == 0)
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* A half-open physical or virtual range. */
struct range {
	u64 start, end;
};

/* ---- what start.S found on entry ---- */
struct entry_state {
	u64 modulep;	/* x0 */
	u64 load_pa;	/* PA of KERNBASE, from the PC */
	u64 el;		/* CurrentEL */
	u64 sctlr;	/* SCTLR_EL1 or SCTLR_EL2, whichever is current */
	u64 cntvct;	/* CNTVCT_EL0 at the first instruction */
	u64 cntfrq;	/* CNTFRQ_EL0 */
	u64 bss_dirty;	/* non-zero 8-byte words found in .bss before clearing it */
};

/* ---- the parsed metadata ---- */
#define MAX_RECORDS	1024
#define MAX_FILES	64
#define MAX_RAM		128

struct record {
	u32 type, size;
	u64 va;		/* kernel VA of the record's data */
};

struct file {
	int first, count;	/* its records in boot.recs */
	char name[160];
	char type[40];
	u64 addr, size;
	bool has_type, has_addr, has_size;
};

struct env_block {
	bool ok;
	u64 va, len;		/* len includes the final extra NUL */
};

struct boot {
	struct entry_state in;
	struct range window;	/* locore's early VA window [KERNBASE, ...) */
	u64 link_start;		/* link VA of _start */
	u64 image_end;		/* link VA of _end: the loaded image incl. .bss */
	bool meta_ok;		/* records walked to END without a bounds error */
	u64 meta_end;		/* VA after the END record */
	struct record recs[MAX_RECORDS];
	int nrecs;
	struct file files[MAX_FILES];
	int nfiles;
	u64 kernend;		/* 0 if missing or unusable */
	struct env_block env;
	bool has_syms;
	struct range syms;	/* SSYM..ESYM */
	struct range dtb;	/* valid when dtb_va != 0 */
	/* memory known to exist, for reading things outside the window */
	struct range ram[MAX_RAM];
	int nram;
	bool efi_map_ok;
	const struct record *efi_map;
	u64 dtb_va;		/* 0 if no usable DTB */
};

/* ---- start.S ---- */
u64 smc_call(u64 fn);
u64 hvc_call(u64 fn);

/* ---- io.c: console, checks and verdict ---- */
void jk_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void jk_vprintf(const char *fmt, va_list ap);
void info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool check(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pass(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void verdict_and_power_off(u64 el) __attribute__((noreturn));
void psci_system_off(u64 el);	/* returns only if PSCI did not power off */

/* ---- lib.c: physical memory readers and small string helpers ---- */
u8 rd8(u64 pa);
u16 rd16(u64 pa);
u32 rd32(u64 pa);
u64 rd64(u64 pa);
u32 rdbe32(u64 pa);
u64 strnlen_pa(u64 pa, u64 max);
bool streq_pa(u64 pa, u64 max, const char *s);
void copy_str_pa(char *dst, size_t dstsz, u64 pa, u64 max);
bool memeq_pa(u64 a, u64 b, u64 len);
u32 crc32_pa(u64 pa, u64 len);
size_t jk_strlen(const char *s);
int jk_strcmp(const char *a, const char *b);
bool starts_with(const char *s, const char *prefix);
bool parse_u64(const char *s, int base, u64 *out);
const char *basename_of(const char *path);
bool overlaps(struct range a, struct range b);
bool range_ok(u64 start, u64 len);	/* start + len does not wrap */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

/* ---- va.c: the kernel's address spaces ---- */
u64 pa_of(const struct boot *b, u64 va);
u64 va_of_pa(const struct boot *b, u64 pa);
bool in_window(const struct boot *b, u64 va, u64 len);
bool readable_pa(const struct boot *b, u64 pa, u64 len);
void add_ram(struct boot *b, u64 start, u64 len);

/* ---- meta.c ---- */
void check_metadata(struct boot *b);
const struct record *find_record(const struct boot *b, const struct file *f, u32 type);
const struct file *kernel_file(const struct boot *b);
u64 record_u64(const struct boot *b, const struct record *r);	/* the value of an 8-byte record */

/* ---- elfsym.c ---- */
struct symtab {
	u64 sym_va, sym_size;	/* .symtab bytes */
	u64 str_va, str_size;	/* .strtab bytes */
};
/* NULL when SSYM..ESYM holds a well-formed symbol area, else why not. */
const char *parse_symbols(const struct boot *b, u64 ssym, u64 esym, struct symtab *st);
bool lookup_symbol(const struct boot *b, const struct symtab *st, const char *name, u64 *value);
void check_kernel_elf(struct boot *b);

/* ---- env.c ---- */
void check_env(struct boot *b);
bool env_get(const struct boot *b, const char *name, char *value, size_t valuesz);
/* Calls fn for every variable; stops early when fn returns false. */
/* loaderenv.c: jktest.expect.smbios / entropy / dtnode */
void expect_smbios(const struct boot *b, const char *value);
void expect_entropy(const struct boot *b, const char *value);
void expect_dtnode(const struct boot *b, const char *name);
void env_each(const struct boot *b, bool (*fn)(const char *name, const char *value, void *arg), void *arg);

/* ---- fdt.c ---- */
struct fdt_memory {
	bool has_memory;	/* a /memory node as FreeBSD finds it */
	bool memory_ok;		/* its reg could be read the way FreeBSD reads it */
	char memory_why[96];
	struct range regions[16];
	int nregions;
	struct range reserved[32];	/* /memreserve/ and /reserved-memory children */
	char reserved_what[32][48];
	int nreserved;
	bool has_devices;	/* some node below the root has "compatible" */
};
void check_dtb(struct boot *b, struct fdt_memory *out);

/* ---- efi.c ---- */
void check_memory(struct boot *b, const struct fdt_memory *fdt);
void check_efi_systab(struct boot *b);

/* ---- mapcopy.c ---- */
void check_efi_map_copy(struct boot *b);

/* ---- expect.c ---- */
void check_expectations(struct boot *b, const struct fdt_memory *fdt);

/* ---- expect_modules.c ---- */
void expect_modules(const struct boot *b, const char *value);

/* link-time symbols (their addresses, taken PC-relatively, are physical) */
extern char _start[], _end[], _DYNAMIC[];
extern const char jktest_marker[];

#endif
