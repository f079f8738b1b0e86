"""Checks `jkboot probe --json` as printed on a VM console: firmware kind, RAM total, readiness.

usage: check-probe.py CONSOLE_LOG FIRMWARE_KIND MEMORY_BYTES
RAM is QEMU virt's, from 0x40000000: System RAM plus what firmware kept inside that window must
add up to the VM's memory size exactly. Prints one line per problem; exits 1 if there are any.
"""
import json
import sys

RAM_BASE = 0x40000000

log, kind, memory = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(log, encoding="utf-8", errors="replace").read().replace("\r", "").split("\n")
try:
    start = lines.index("{")
    end = lines.index("}", start)
except ValueError:
    print("no JSON object on the console")
    sys.exit(1)
probe = json.loads("\n".join(lines[start:end + 1]))
problems = []
if probe["firmware"]["kind"] != kind:
    problems.append(f"firmware kind {probe['firmware']['kind']}, expected {kind}")
mem = probe["memory"]
in_window = [r for r in mem["systemRam"] + mem["firmwareReserved"] if int(r["start"], 16) >= RAM_BASE]
total = sum(r["size"] for r in in_window)
if total != memory:
    problems.append(f"System RAM + firmware-kept RAM is {total} bytes, expected {memory}")
if not probe["kexec"]["ready"]:
    problems.append(f"kexec not ready: {probe['kexec']['blockers']}")
staging = int(probe["staging"]["address"], 16) if probe["staging"].get("address") else None
if staging is None or staging % (2 << 20):
    problems.append(f"staging {probe['staging']} is not a 2 MiB-aligned address")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
