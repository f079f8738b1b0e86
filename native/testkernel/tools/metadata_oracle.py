#!/usr/bin/env python3
"""An independent encoder of FreeBSD's boot metadata, for jkboot's golden test.

Lays out a kernel, its modules, the environment and a DTB the way FreeBSD's loader does
(stand/common/load_elf.c, bi_load: contract sections 4 and 5), using jkimage.py's ELF reader and
record encoder, none of jkboot's Java code, and writes the metadata block (modulep's bytes) to
stdout. BootPlanningTest compares jkboot's block with this one byte for byte.

  metadata_oracle.py --kernel K --kernel-name /boot/kernel/kernel [--module NAME=PATH]...
      [--env NAME=VALUE]... [--howto N] [--dtb FILE] [--efi-map SIZE:DESC_SIZE:VERSION --systab PA]

The environment is written in the order given (jkboot keeps insertion order, a later value
replacing an earlier one in place). With --efi-map the descriptor area is zero: jkboot's
trampoline copies the map at jump time.
"""
import argparse
import os
import struct
import sys

sys.dont_write_bytecode = True      # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jkimage as j  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--kernel-name", required=True)
    ap.add_argument("--module", action="append", default=[])
    ap.add_argument("--env", action="append", default=[])
    ap.add_argument("--howto", type=lambda s: int(s, 0), default=0)
    ap.add_argument("--dtb")
    ap.add_argument("--efi-map")
    ap.add_argument("--systab", type=lambda s: int(s, 0), default=0)
    o = ap.parse_args()

    img = j.Image()
    kernel = j.Elf(open(o.kernel, "rb").read())
    end, ssym, esym = j.load_elf(img, kernel, j.KERNBASE, True)
    kernel_size = end - j.KERNBASE
    files = []
    for spec in o.module:
        name, path = spec.split("=", 1)
        mod = j.Elf(open(path, "rb").read())
        addr = j.up(end, j.PAGE)
        mend, mssym, mesym = j.load_elf(img, mod, addr, True)
        rs = [j.record(j.MODINFO_NAME, j.string(name)), j.record(j.MODINFO_TYPE, j.string("elf module")),
              j.record(j.MODINFO_ADDR, j.u64(addr)), j.record(j.MODINFO_SIZE, j.u64(mend - addr)),
              j.record(j.MD_ELFHDR, mod.data[:64]), j.record(j.MD_DYNAMIC, j.u64(mod.dynamic_vaddr()))]
        if mssym is not None:
            rs += [j.record(j.MD_ESYM, j.u64(mesym)), j.record(j.MD_SSYM, j.u64(mssym))]
        rs.append(j.record(j.MD_SHDR, mod.section_headers()))
        files.append(b"".join(rs))
        end = mend

    env = {}
    for kv in o.env:
        k, v = kv.split("=", 1)
        env[k] = v
    envp = j.up(end, j.PAGE)
    block = j.env_block(env, unsorted=True)
    end = envp + len(block)
    dtbp = None
    if o.dtb:
        dtbp = j.up(end, j.PAGE)
        end = dtbp + len(open(o.dtb, "rb").read())
    modulep = j.up(end, j.PAGE)

    def metadata(kernend):
        k = [j.record(j.MODINFO_NAME, j.string(o.kernel_name)), j.record(j.MODINFO_TYPE, j.string("elf kernel")),
             j.record(j.MODINFO_ADDR, j.u64(j.KERNBASE)), j.record(j.MODINFO_SIZE, j.u64(kernel_size))]
        if o.efi_map:
            size, desc, version = (int(x, 0) for x in o.efi_map.split(":"))
            k.append(j.record(j.MD_EFI_MAP, struct.pack("<QQI", size, desc, version) + bytes(12) + bytes(size)))
            if o.systab:
                k.append(j.record(j.MD_FW_HANDLE, j.u64(o.systab)))
        k.append(j.record(j.MD_KERNEND, j.u64(kernend)))
        if dtbp is not None:
            k.append(j.record(j.MD_DTBP, j.u64(dtbp)))
        k.append(j.record(j.MD_ENVP, j.u64(envp)))
        k.append(j.record(j.MD_HOWTO, struct.pack("<i", o.howto)))
        k.append(j.record(j.MD_ELFHDR, kernel.data[:64]))
        if kernel.dynamic_vaddr() is not None:
            k.append(j.record(j.MD_DYNAMIC, j.u64(kernel.dynamic_vaddr())))
        if ssym is not None:
            k += [j.record(j.MD_ESYM, j.u64(esym)), j.record(j.MD_SSYM, j.u64(ssym))]
        k.append(j.record(j.MD_SHDR, kernel.section_headers()))
        return b"".join(k) + b"".join(files) + bytes(8)

    kernend = j.up(modulep + len(metadata(0)), j.PAGE)
    sys.stdout.buffer.write(metadata(kernend))


if __name__ == "__main__":
    main()
