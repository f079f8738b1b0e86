#!/usr/bin/env bash
# Regenerates the aarch64 ELF fixtures of the dev.jkboot.elf tests from kernel.c and module.c,
# with the cross compiler scripts/setup installs. Addresses may move with another toolchain
# version; the tests look everything up by symbol, so they do not care.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cc=aarch64-linux-gnu-gcc
common=(-O1 -nostdlib -fno-asynchronous-unwind-tables -Wl,-z,max-page-size=4096 -Wl,--build-id=none)

# Like FreeBSD's arm64 kernel: ET_EXEC linked at KERNBASE (0xffff000000000000), with the ELF
# header in the first PT_LOAD and a .symtab outside every PT_LOAD.
"$cc" "${common[@]}" -ffreestanding -fno-pic -no-pie -Wl,-Ttext-segment=0xffff000000000000 \
  -o "$here/kernel-aarch64.elf" "$here/kernel.c"

# Like a FreeBSD arm64 module: a shared object (ET_DYN) linked at 0 whose data pointers are
# R_AARCH64_RELATIVE / R_AARCH64_ABS64 relocations.
"$cc" "${common[@]}" -fPIC -shared -Wl,--hash-style=sysv -o "$here/module-aarch64.ko" "$here/module.c"
