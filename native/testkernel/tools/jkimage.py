#!/usr/bin/env python3
"""Development-time loader for the FreeBSD-shaped test kernel.

Builds, on the host, what jkboot builds before kexec (contract sections 4-6):
the kernel's PT_LOADs at KERNBASE, its symbols, modules and raw files, the
environment, a DTB, the metadata block and the trampoline at kernend -- and
optionally fake UEFI firmware tables (EFI memory map, system table,
configuration table, LINUX_EFI_MEMRESERVE list, ACPI RSDP) elsewhere in RAM.
The result is a set of raw blobs for QEMU's generic loader, with the PC set
to the trampoline, which sets x0 = modulep just as it will after kexec.

It is a test fixture: every knob that breaks the hand-off on purpose is named
after the failure it provokes, so the self-test can show each FAIL.
"""
import argparse
import dataclasses
import os
import struct
import subprocess
import sys
import tempfile
import zlib

KERNBASE = 0xFFFF000000000000
PAGE = 4096
RAM_BASE = 0x40000000
RAM_SIZE = 1 << 30
UART_PA = 0x09000000            # QEMU virt's PL011
FW_BASE = 0x7E000000            # fake firmware tables live here
EFI_RT_VIRT = 0x20000000        # where "Linux's SetVirtualAddressMap" put runtime regions
EFI_MEMORY_RUNTIME = 1 << 63
EFI_MEMORY_WB = 0x8
DESC_SIZE = 48                  # like real firmware: larger than the 40-byte struct
GUID_MEMRESERVE = bytes.fromhex("c6b08e88de8ef54fa8f09aee5cb977c2")
GUID_ACPI20 = bytes.fromhex("71e86888f1e4d311bc220080c73c8881")
GUID_SMBIOS3 = bytes.fromhex("44150ef2bb4d084d9d4c3d3e4c1e7b11")

# sys/sys/linker.h, sys/arm64/include/metadata.h
MODINFO_NAME, MODINFO_TYPE, MODINFO_ADDR, MODINFO_SIZE = 1, 2, 3, 4
MD = 0x8000
MD_ELFHDR, MD_SSYM, MD_ESYM, MD_DYNAMIC = MD | 2, MD | 3, MD | 4, MD | 5
MD_ENVP, MD_HOWTO, MD_KERNEND, MD_SHDR, MD_FW_HANDLE = MD | 6, MD | 7, MD | 8, MD | 9, MD | 0xC
MD_EFI_MAP, MD_DTBP = MD | 0x1001, MD | 0x1002


def up(x, a):
    return (x + a - 1) // a * a


@dataclasses.dataclass
class Options:
    """One hand-off. Defaults are a correct UEFI hand-off at EL1."""
    build: str                          # make's OUT directory
    firmware: str = "uefi"              # uefi | fdt | none
    el2: bool = False                   # -M virt,virtualization=on
    load_pa: int = RAM_BASE + (2 << 20)
    uart: bool = True                   # trampoline banner
    module: bool = True
    raw_file: bool = True
    symbols: bool = True
    env: dict = dataclasses.field(default_factory=dict)
    expect: bool = True                 # add jktest.expect.* for what this hand-off provides
    howto: int = 0x800                  # RB_VERBOSE
    dtb: str = "auto"                   # auto | full | skeleton | nomemory | none
    efi_copy: str = "none"              # none | aligned | unaligned: the trampoline copies the map
    integrity: bool = False             # the trampoline checks the CRC-32 of the image and firmware blob
    corrupt_at: int = 0                 # the trampoline's test hook flips the byte at load PA + this (0: none)
    efi_identity: bool = False          # runtime VirtualStart == PhysicalStart
    acpi_order: bool = True             # kern.cfg.order=acpi when passing a skeleton DTB
    # deliberate breakage
    corrupt_record: bool = False
    drop_kernend: bool = False
    unsorted_env: bool = False
    memreserve_over_image: bool = False
    cfgtbl_not_runtime: bool = False
    symbol_skew: bool = False
    modulep_physical: bool = False      # x0 = PA of the metadata
    image_in_reserved: bool = False     # the EFI map calls the image's memory Reserved (type 0)
    dtb_far: bool = False               # the DTB 8 MiB past modulep, beyond locore's window
    raw_size_overstated: bool = False   # the raw file's SIZE runs into the environment
    module_dynamic_absolute: bool = False  # the module's DYNAMIC holds its VA, not its p_vaddr
    # efi_copy = "misdirected" | "short": the record holds a stale map (its last descriptor differs
    # from the firmware's) and the trampoline copies the real one elsewhere, or all but its last
    # descriptor


class Elf:
    def __init__(self, data):
        self.data = data
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            raise ValueError("not an ELF64 LE file")
        (self.type, self.machine, _, self.entry, self.phoff, self.shoff, _, _, self.phentsize,
         self.phnum, self.shentsize, self.shnum, self.shstrndx) = struct.unpack_from("<HHIQQQIHHHHHH", data, 16)
        self.phdrs = [struct.unpack_from("<IIQQQQQQ", data, self.phoff + i * self.phentsize)
                      for i in range(self.phnum)]
        self.shdrs = [struct.unpack_from("<IIQQQQIIQQ", data, self.shoff + i * self.shentsize)
                      for i in range(self.shnum)]

    def loads(self):
        return [p for p in self.phdrs if p[0] == 1]             # PT_LOAD

    def dynamic_vaddr(self):
        return next((p[3] for p in self.phdrs if p[0] == 2), None)  # PT_DYNAMIC

    def symtab(self):
        """(symtab bytes, strtab bytes) of the SHT_SYMTAB section, if not loaded."""
        for sh in self.shdrs:
            if sh[1] == 2 and not sh[2] & 2:                    # SHT_SYMTAB, not SHF_ALLOC
                strsh = self.shdrs[sh[6]]
                return (self.data[sh[4]:sh[4] + sh[5]], self.data[strsh[4]:strsh[4] + strsh[5]])
        return None

    def section_headers(self):
        return self.data[self.shoff:self.shoff + self.shnum * self.shentsize]


class Image:
    """Kernel VA space from KERNBASE up, as bytes."""

    def __init__(self):
        self.mem = bytearray()

    def put(self, va, data):
        off = va - KERNBASE
        if len(self.mem) < off + len(data):
            self.mem.extend(bytes(off + len(data) - len(self.mem)))
        self.mem[off:off + len(data)] = data

    def reserve(self, va_end):
        self.put(va_end, b"")


def load_symbols(img, elf, va):
    """stand/common/load_elf.c layout at va; returns (ssym, esym)."""
    tabs = elf.symtab()
    sym, strs = tabs
    blob = struct.pack("<Q", len(sym)) + sym
    blob += bytes(up(len(blob), 8) - len(blob))
    blob += struct.pack("<Q", len(strs)) + strs
    blob += bytes(up(len(blob), 8) - len(blob))
    img.put(va, blob)
    return va, va + len(blob)


def load_elf(img, elf, base, symbols):
    """Places PT_LOADs (at p_vaddr for the kernel, base + p_vaddr for ET_DYN); returns (end, ssym, esym)."""
    reloc = 0 if elf.type == 2 else base
    end = 0
    for p in elf.loads():
        _, _, off, vaddr, _, filesz, memsz, _ = p
        img.put(reloc + vaddr, elf.data[off:off + filesz] + bytes(memsz - filesz))
        end = max(end, reloc + vaddr + memsz)
    end = up(end, 8)
    if not symbols or elf.symtab() is None:
        return end, None, None
    ssym, esym = load_symbols(img, elf, end)
    return esym, ssym, esym


def record(rtype, data):
    return struct.pack("<II", rtype, len(data)) + data + bytes(up(len(data), 8) - len(data))


def string(s):
    return s.encode() + b"\0"


def u64(v):
    return struct.pack("<Q", v)


def env_block(env, unsorted):
    items = list(env.items()) if unsorted else sorted(env.items(), key=lambda kv: kv[0].encode())
    return b"".join(f"{k}={v}".encode() + b"\0" for k, v in items) + b"\0"


def dts(kind, reserved):
    memory = "" if kind == "nomemory" else """
    memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x40000000>; };"""
    devices = """
    pl011@9000000 { compatible = "arm,pl011", "arm,primecell"; reg = <0x0 0x9000000 0x0 0x1000>; };
    psci { compatible = "arm,psci-1.0"; method = "hvc"; };"""
    body = f"""
    #address-cells = <0x2>;
    #size-cells = <0x2>;
    compatible = "linux,dummy-virt";
    chosen {{ bootargs = "console=ttyAMA0"; }};{memory}{devices}
    reserved-memory {{
        #address-cells = <0x2>; #size-cells = <0x2>; ranges;
        jktest@7f800000 {{ reg = <0x0 0x7f800000 0x0 0x100000>; no-map; }};
    }};"""
    if kind == "skeleton":      # what Linux exposes in /sys/firmware/fdt on a UEFI+ACPI host
        body = """
    #address-cells = <0x2>;
    #size-cells = <0x2>;
    chosen { bootargs = "console=ttyAMA0"; };"""
    rsv = "".join(f"/memreserve/ {a:#x} {s:#x};\n" for a, s in reserved)
    return f"/dts-v1/;\n{rsv}/ {{{body}\n}};\n"


def compile_dtb(source):
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "t.dts")
        with open(src, "w") as f:
            f.write(source)
        return subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", src], check=True,
                              capture_output=True).stdout


class Firmware:
    """Fake UEFI tables at FW_BASE, as Linux leaves them after SetVirtualAddressMap."""

    SYSTAB, CFGTBL, MEMRESERVE, MEMRESERVE2, RSDP, MAPCOPY, SCRATCH = (
        0x0, 0x100, 0x1000, 0x2000, 0x10000, 0x30000, 0x38000)

    def __init__(self, o, image_range):
        self.blob = bytearray(0x40000)
        self.identity = o.efi_identity
        runtime_virt = FW_BASE if o.efi_identity else EFI_RT_VIRT
        # type, phys, virt, pages, attr
        low = [(2, RAM_BASE, 0, 0x200, EFI_MEMORY_WB),
               (7, RAM_BASE + 0x200000, 0, (FW_BASE - RAM_BASE - 0x200000) // PAGE, EFI_MEMORY_WB)]
        if o.image_in_reserved:
            low = [(0, RAM_BASE, 0, 0x800, 0),
                   (7, RAM_BASE + 0x800000, 0, (FW_BASE - RAM_BASE - 0x800000) // PAGE, EFI_MEMORY_WB)]
        self.descs = low + [
            (6, FW_BASE, runtime_virt, 0x10,
             EFI_MEMORY_WB | (0 if o.cfgtbl_not_runtime else EFI_MEMORY_RUNTIME)),
            (9, FW_BASE + 0x10000, 0, 0x10, EFI_MEMORY_WB),
            (4, FW_BASE + 0x20000, 0, (RAM_BASE + RAM_SIZE - FW_BASE - 0x20000) // PAGE, EFI_MEMORY_WB),
            (11, UART_PA, runtime_virt + 0x100000, 1, EFI_MEMORY_RUNTIME | 1),
        ]
        self.runtime_virt = runtime_virt
        self._systab()
        self._memreserve(o, image_range)
        self._rsdp()

    def pa(self, off):
        return FW_BASE + off

    def rt_va(self, off):
        return self.runtime_virt + off      # inside the RuntimeServicesData descriptor

    def descriptors(self):
        out = bytearray()
        for t, phys, virt, pages, attr in self.descs:
            d = struct.pack("<IIQQQQ", t, 0, phys, virt, pages, attr)
            out += d + bytes(DESC_SIZE - len(d))
        return bytes(out)

    def _systab(self):
        entries = [(GUID_SMBIOS3, 0x7E0F0000), (GUID_MEMRESERVE, self.pa(self.MEMRESERVE)),
                   (GUID_ACPI20, self.pa(self.RSDP))]
        st = struct.pack("<QIIII", 0x5453595320494249, (2 << 16) | 70, 120, 0, 0)
        st += u64(self.rt_va(0x80)) + struct.pack("<II", 0x10000, 0)       # FirmwareVendor
        st += bytes(8 * 7)                                                  # console handles/protocols, RT
        st += u64(0) + u64(len(entries)) + u64(self.rt_va(self.CFGTBL))   # BootServices, count, table
        self.blob[self.SYSTAB:self.SYSTAB + len(st)] = st
        self.blob[0x80:0x80 + 12] = "jkboot".encode("utf-16-le")
        for i, (guid, ptr) in enumerate(entries):
            self.blob[self.CFGTBL + 24 * i:self.CFGTBL + 24 * i + 24] = guid + u64(ptr)

    def _memreserve(self, o, image_range):
        first = [(0x7F000000, 0x10000), (0x7F100000, 0x20000)]
        if o.memreserve_over_image:
            first.append((image_range[0] + PAGE, 0x10000))
        second = [(0x7F200000, 0x1000)]
        node1 = struct.pack("<iiQ", 255, len(first), self.pa(self.MEMRESERVE2))
        node1 += b"".join(u64(b) + u64(s) for b, s in first)
        node2 = struct.pack("<iiQ", 255, len(second), 0) + b"".join(u64(b) + u64(s) for b, s in second)
        self.blob[self.MEMRESERVE:self.MEMRESERVE + len(node1)] = node1
        self.blob[self.MEMRESERVE2:self.MEMRESERVE2 + len(node2)] = node2

    def _rsdp(self):
        r = bytearray(b"RSD PTR " + b"\0" + b"JKBOOT" + bytes([2]) + struct.pack("<II", 0, 36)
                      + u64(0x7E011000) + bytes(4))
        r[8] = (-sum(r[:20])) & 0xFF
        r[32] = (-sum(r)) & 0xFF
        self.blob[self.RSDP:self.RSDP + 36] = r

    def systab_pa(self):
        return self.pa(self.SYSTAB)


@dataclasses.dataclass
class Boot:
    blobs: list          # [(pa, bytes)]
    pc: int
    el2: bool
    env: dict


def build(o):
    kernel = Elf(open(os.path.join(o.build, "testkernel", "kernel"), "rb").read())
    tramp = bytearray(open(os.path.join(o.build, "resources/dev/jkboot/plan/trampoline-aarch64.bin"), "rb").read())
    props = dict(line.split("=", 1) for line in
                 open(os.path.join(o.build, "resources/dev/jkboot/plan/trampoline-aarch64.properties"))
                 .read().splitlines() if line and not line.startswith("#"))
    img = Image()
    files = []                           # the records of every file after the kernel

    # 1. the kernel and its symbols
    end, ssym, esym = load_elf(img, kernel, KERNBASE, o.symbols)
    if o.symbol_skew:
        fix_symbol(img, kernel, ssym, b"jktest_marker", 0x10)
    kernel_size = end - KERNBASE
    # 2. modules and raw files, each page aligned
    if o.module:
        mod = Elf(open(os.path.join(o.build, "testkernel", "testmod.ko"), "rb").read())
        addr = up(end, PAGE)
        mend, mssym, mesym = load_elf(img, mod, addr, True)
        files.append([record(MODINFO_NAME, string("/boot/kernel/testmod.ko")),
                      record(MODINFO_TYPE, string("elf module")),
                      record(MODINFO_ADDR, u64(addr)), record(MODINFO_SIZE, u64(mend - addr)),
                      record(MD_ELFHDR, mod.data[:64]),
                      record(MD_DYNAMIC, u64((addr if o.module_dynamic_absolute else 0) + mod.dynamic_vaddr())),
                      record(MD_ESYM, u64(mesym)), record(MD_SSYM, u64(mssym)),
                      record(MD_SHDR, mod.section_headers())])
        end = mend
    raw = bytes((i * 7 + 3) & 0xFF for i in range(10000))
    if o.raw_file:
        addr = up(end, PAGE)
        img.put(addr, raw)
        files.append([record(MODINFO_NAME, string("/boot/jktest.bin")), record(MODINFO_TYPE, string("jktest_blob")),
                      record(MODINFO_ADDR, u64(addr)),
                      record(MODINFO_SIZE, u64(len(raw) + (2 * PAGE if o.raw_size_overstated else 0)))])
        end = addr + len(raw)

    # 3. environment
    env = {"kernelname": "/boot/kernel/kernel", "jktest.color": "red", "boot_verbose": "YES"}
    firmware = o.firmware
    dtb_kind = o.dtb if o.dtb != "auto" else ("skeleton" if firmware == "uefi" else "full")
    if firmware == "uefi":
        env["acpi.rsdp"] = f"0x{FW_BASE + Firmware.RSDP:016x}"
        env["hint.acpi.0.rsdp"] = env["acpi.rsdp"]
        if dtb_kind == "skeleton" and o.acpi_order:
            env["kern.cfg.order"] = "acpi"
    if o.expect:
        env["jktest.expect.el"] = "2" if o.el2 else "1"
        env["jktest.expect.howto"] = f"{o.howto:x}"
        env["jktest.expect.env.jktest.color"] = "red"
        if firmware in ("uefi", "fdt"):
            env["jktest.expect.firmware"] = firmware
        if o.symbols:
            env["jktest.expect.symbols"] = "1"
        if o.module:
            env["jktest.expect.module"] = "testmod.ko"
        if o.raw_file:
            env["jktest.expect.file.jktest.bin"] = f"{len(raw)}:{zlib.crc32(raw):08x}"
    env.update(o.env)
    envp = up(end, PAGE)
    block = env_block(env, o.unsorted_env)
    img.put(envp, block)
    end = envp + len(block)

    # 4. DTB
    dtbp = dtb = None
    if dtb_kind != "none":
        dtb = compile_dtb(dts(dtb_kind, [(0x7F400000, 0x1000)]))
        if not o.dtb_far:
            dtbp = up(end, PAGE)
            img.put(dtbp, dtb)
            end = dtbp + up(len(dtb), PAGE)

    # 5. metadata, sized once with kernend 0 then for real (as bi_load does)
    modulep = up(end, PAGE)
    if o.dtb_far:
        dtbp = modulep + (8 << 20)
        img.put(dtbp, dtb)
    fw = None
    if firmware == "uefi":
        image_range = (o.load_pa, o.load_pa + (modulep - KERNBASE) + 2 * PAGE)
        fw = Firmware(o, image_range)

    def metadata(kernend):
        k = [record(MODINFO_NAME, string("/boot/kernel/kernel")), record(MODINFO_TYPE, string("elf kernel")),
             record(MODINFO_ADDR, u64(KERNBASE)), record(MODINFO_SIZE, u64(kernel_size))]
        if fw is not None:
            descs = fw.descriptors()
            body = descs if o.efi_copy == "none" else bytes(len(descs))
            k.append(record(MD_EFI_MAP, struct.pack("<QQI", len(descs), DESC_SIZE, 1) + bytes(12) + body))
            k.append(record(MD_FW_HANDLE, u64(fw.systab_pa())))
        if not o.drop_kernend:
            k.append(record(MD_KERNEND, u64(kernend)))
        if dtbp is not None:
            k.append(record(MD_DTBP, u64(dtbp)))
        k.append(record(MD_ENVP, u64(envp)))
        howto = struct.pack("<i", o.howto)
        if o.corrupt_record:             # a size that runs far past the metadata block
            k.append(struct.pack("<II", MD_HOWTO, 0x7FFFFFF0) + howto + bytes(4))
        else:
            k.append(record(MD_HOWTO, howto))
        k.append(record(MD_ELFHDR, kernel.data[:64]))
        k.append(record(MD_DYNAMIC, u64(kernel.dynamic_vaddr())))
        if ssym is not None:
            k += [record(MD_ESYM, u64(esym)), record(MD_SSYM, u64(ssym))]
        k.append(record(MD_SHDR, kernel.section_headers()))
        return b"".join(k) + b"".join(b"".join(f) for f in files) + bytes(8)

    meta = metadata(0)
    kernend = up(modulep + len(meta), PAGE)
    meta = metadata(kernend)
    img.put(modulep, meta)
    if o.dtb_far:       # the trampoline goes to kernend: keep it clear of the far DTB
        kernend = up(dtbp + len(dtb), PAGE)

    # 6. the trampoline at kernend
    def field(name, value):
        off = int(props[f"data.{name}"])
        if struct.unpack_from("<Q", tramp, off)[0] != int(props[f"sentinel.{name}"], 16):
            raise ValueError(f"trampoline field {name}: no sentinel at {off}")
        struct.pack_into("<Q", tramp, off, value)

    to_pa = lambda va: o.load_pa + (va - KERNBASE)
    field("entry", to_pa(kernel.entry))
    field("modulep", to_pa(modulep) if o.modulep_physical else modulep)
    field("uart", UART_PA if o.uart else 0)
    blobs = []
    if fw is not None and o.efi_copy != "none":
        src = fw.pa(Firmware.MAPCOPY) + (4 if o.efi_copy == "unaligned" else 0)
        descs = fw.descriptors()
        fw.blob[src - FW_BASE:src - FW_BASE + len(descs)] = descs
        emap = meta.index(struct.pack("<II", MD_EFI_MAP, 32 + len(descs)))
        dst = to_pa(modulep + emap + 8 + 32)
        length = len(descs)
        if o.efi_copy in ("misdirected", "short"):
            stale = bytearray(descs)
            struct.pack_into("<Q", stale, len(descs) - DESC_SIZE + 24, 2)   # the UART descriptor: 2 pages, not 1
            img.put(modulep + emap + 8 + 32, bytes(stale))
            if o.efi_copy == "misdirected":
                dst = fw.pa(Firmware.SCRATCH)
            else:
                length -= DESC_SIZE
        field("memmap_src", src)
        field("memmap_dst", dst)
        field("memmap_len", length)
    else:
        for name in ("memmap_src", "memmap_dst", "memmap_len"):
            field(name, 0)
    field("corrupt_pa", o.load_pa + o.corrupt_at if o.corrupt_at else 0)
    ranges = []
    if o.integrity:
        size = kernend - KERNBASE
        ranges.append((o.load_pa, bytes(img.mem[:size]) + bytes(max(0, size - len(img.mem)))))
        if fw is not None:
            ranges.append((FW_BASE, bytes(fw.blob)))
    field("integrity_count", len(ranges))
    table, entry = int(props["table.integrity"]), int(props["table.integrity.entry_size"])
    if len(ranges) > int(props["table.integrity.capacity"]):
        raise ValueError("more integrity ranges than the trampoline holds")
    for i, (pa, data) in enumerate(ranges):
        at = table + i * entry
        struct.pack_into("<Q", tramp, at + int(props["table.integrity.entry_pa"]), pa)
        struct.pack_into("<Q", tramp, at + int(props["table.integrity.entry_len"]), len(data))
        struct.pack_into("<Q", tramp, at + int(props["table.integrity.entry_crc"]), zlib.crc32(data))
    if int(props["size"]) != len(tramp):
        raise ValueError("trampoline size differs from its properties")
    img.put(kernend, bytes(tramp))
    blobs.append((o.load_pa, bytes(img.mem)))
    if fw is not None:
        blobs.append((FW_BASE, bytes(fw.blob)))
    return Boot(blobs, to_pa(kernend), o.el2, env)


def fix_symbol(img, elf, ssym, name, delta):
    """Adds delta to st_value of `name` inside the loaded symbol area (a loader bug to catch)."""
    sym, strs = elf.symtab()
    for i in range(0, len(sym), 24):
        st_name = struct.unpack_from("<I", sym, i)[0]
        if strs[st_name:st_name + len(name) + 1] == name + b"\0":
            off = ssym + 8 + i + 8 - KERNBASE
            value = struct.unpack_from("<Q", img.mem, off)[0]
            struct.pack_into("<Q", img.mem, off, value + delta)
            return
    raise ValueError(f"symbol {name} not found")


def qemu_command(boot, workdir):
    machine = "virt,virtualization=on" if boot.el2 else "virt"
    cmd = ["qemu-system-aarch64", "-M", machine, "-cpu", "cortex-a72", "-m", "1G", "-display", "none",
           "-monitor", "none", "-serial", "stdio", "-no-reboot"]
    for i, (pa, data) in enumerate(boot.blobs):
        path = os.path.join(workdir, f"blob{i}-{pa:x}.bin")
        with open(path, "wb") as f:
            f.write(data)
        cmd += ["-device", f"loader,file={path},addr={pa:#x},force-raw=on"]
    cmd += ["-device", f"loader,addr={boot.pc:#x},cpu-num=0"]
    return cmd


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True, help="make's OUT directory")
    ap.add_argument("--workdir", required=True, help="where to write the blobs")
    ap.add_argument("--firmware", choices=["uefi", "fdt", "none"], default="uefi")
    ap.add_argument("--el2", action="store_true")
    ap.add_argument("--run", action="store_true", help="boot it in QEMU")
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    boot = build(Options(build=a.build, firmware=a.firmware, el2=a.el2))
    cmd = qemu_command(boot, a.workdir)
    print(" ".join(cmd))
    if a.run:
        sys.exit(subprocess.run(cmd, stdin=subprocess.DEVNULL).returncode)


if __name__ == "__main__":
    main()
