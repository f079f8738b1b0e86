/*
 * The trampoline's copy of Linux's UEFI memory map, checked against its
 * source: jkboot's trampoline sits at PA(kernend) (its layout comes from the
 * generated trampoline-layout.h, never from hand-copied offsets), and when it
 * copied the map its data block still says from where. The firmware's map is
 * still in memory there (Linux keeps it reserved), so the copy in the EFI_MAP
 * record must equal it descriptor by descriptor: a copy the caches shadowed,
 * truncated or sent elsewhere would show here, not as a mysterious memory
 * layout later in FreeBSD.
 */
#include "jktest.h"
#include "trampoline-layout.h"

#define EFI_MAP_HEADER	32

static void describe(const char *what, u64 d)
{
	info("  %s: type %u, PhysicalStart 0x%lx, NumberOfPages %lu, Attribute 0x%lx", what, rd32(d), rd64(d + 8),
	    rd64(d + 24), rd64(d + 32));
}

void check_efi_map_copy(struct boot *b)
{
	if (b->efi_map == NULL || !b->efi_map_ok || b->kernend == 0)
		return;
	u64 t = pa_of(b, b->kernend);
	if (!readable_pa(b, t, TRAMP_SIZE) || crc32_pa(t, TRAMP_CODE_SIZE) != TRAMP_CODE_CRC32) {
		info("no jkboot trampoline at PA(kernend) 0x%lx: the EFI map copy is not checked", t);
		return;
	}
	u64 src = rd64(t + TRAMP_DATA_MEMMAP_SRC);
	u64 dst = rd64(t + TRAMP_DATA_MEMMAP_DST);
	u64 len = rd64(t + TRAMP_DATA_MEMMAP_LEN);
	if (src == 0) {
		info("the trampoline copied no EFI map (the loader wrote the descriptors itself)");
		return;
	}
	u64 h = pa_of(b, b->efi_map->va);
	u64 memory_size = rd64(h), desc_size = rd64(h + 8);
	if (dst != h + EFI_MAP_HEADER) {
		fail("memory.efi-map-copy: the trampoline copied %lu bytes from PA 0x%lx to 0x%lx, but EFI_MAP's descriptors are at 0x%lx",
		    len, src, dst, h + EFI_MAP_HEADER);
		return;
	}
	if (!readable_pa(b, src, memory_size)) {
		fail("memory.efi-map-copy: the source [0x%lx, 0x%lx) is not in memory the EFI map describes as RAM",
		    src, src + memory_size);
		return;
	}
	u64 count = memory_size / desc_size;	/* read_efi_map checked the header */
	for (u64 i = 0; i < count; i++) {
		u64 copy = dst + i * desc_size, orig = src + i * desc_size;
		if (!memeq_pa(copy, orig, desc_size)) {
			fail("memory.efi-map-copy: descriptor %lu of %lu in EFI_MAP (PA 0x%lx) differs from the firmware's at PA 0x%lx (the trampoline copied %lu of %lu bytes)",
			    i, count, copy, orig, len, memory_size);
			describe("in EFI_MAP", copy);
			describe("firmware's", orig);
			return;
		}
	}
	if (len != memory_size) {
		fail("memory.efi-map-copy: the trampoline copied %lu bytes; EFI_MAP's descriptors are %lu bytes", len, memory_size);
		return;
	}
	pass("memory.efi-map-copy: the trampoline's copy (%s) of %lu descriptors from PA 0x%lx into EFI_MAP at 0x%lx equals the firmware's map, descriptor by descriptor",
	    ((src | dst | len) & 7) != 0 ? "bytewise" : "8 bytes at a time", count, src, dst);
}
