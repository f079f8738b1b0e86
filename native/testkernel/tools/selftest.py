#!/usr/bin/env python3
"""Self-test of the test kernel and the trampoline: boots hand-offs built by
jkimage.py in QEMU and checks the verdict and the exact set of failing checks.

Each scenario is a correct hand-off or one broken in exactly one way; a broken
one must fail exactly the checks named for it, no more and no fewer, and every
run must end by itself through PSCI SYSTEM_OFF.

    python3 selftest.py --build <make OUT dir> [--only NAME] [--show]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True      # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jkimage import Options, build, qemu_command  # noqa: E402

BANNER = "jkboot: trampoline -> kernel"
INTEGRITY_PASSED = re.compile(r"^jkboot: integrity check passed \((\d+) ranges, (\d+) bytes\)$")
INTEGRITY_FAILED = re.compile(r"^jkboot: integrity check failed: range (\d+) at 0x[0-9a-f]+ \(\+0x[0-9a-f]+\) "
                              r"changed after kexec_load \(CRC-32 0x[0-9a-f]+, expected 0x[0-9a-f]+\); halting$")
HALT = "halt"           # expected: the trampoline refuses to enter the kernel and halts
HALT_WAIT = 8           # seconds a halting scenario runs before it is judged
HELLO = re.compile(r"^jktest: hello from the FreeBSD-shaped test kernel \(EL(\d), load PA 0x[0-9a-f]+\)$")
RESULT = re.compile(r"^jktest: (PASS|FAIL) ([^:]+):")
VERDICT = re.compile(r"^jktest: VERDICT (?:PASS \((\d+) checks\)|FAIL \((\d+) of (\d+) checks failed\))$")
TIMEOUT = 60

# name, options, expected failing checks (empty = VERDICT PASS)
SCENARIOS = [
    ("uefi-el1", {}, set()),
    ("fdt-el2", {"firmware": "fdt", "el2": True}, set()),
    ("uefi-el2-trampoline-copies-map", {"el2": True, "efi_copy": "aligned"}, set()),
    ("uefi-bytewise-map-copy-identity-runtime", {"efi_copy": "unaligned", "efi_identity": True}, set()),
    ("uefi-full-dtb-silent-trampoline", {"dtb": "full", "uart": False}, set()),
    ("fdt-no-module-no-symbols", {"firmware": "fdt", "module": False, "symbols": False, "raw_file": False}, set()),
    ("misaligned-load-pa", {"load_pa": 0x40201000}, {"entry.load-pa"}),
    ("corrupt-record", {"corrupt_record": True}, {"meta.walk"}),
    ("missing-kernend", {"drop_kernend": True}, {"meta.kernend"}),
    ("wrong-env-expectation", {"env": {"jktest.expect.env.jktest.color": "blue"}}, {"expect.env.jktest.color"}),
    ("unknown-expectation", {"env": {"jktest.expect.colour": "red"}}, {"expect.unknown"}),
    ("unsorted-env", {"unsorted_env": True}, {"env.sorted"}),
    ("no-memory-description", {"firmware": "none", "dtb": "nomemory"}, {"memory.description"}),
    ("memreserve-over-image", {"memreserve_over_image": True}, {"efi.memreserve"}),
    ("cfgtbl-not-in-runtime-map", {"cfgtbl_not_runtime": True}, {"efi.cfgtbl"}),
    ("skeleton-dtb-without-acpi-order", {"acpi_order": False}, {"dtb.devices"}),
    ("symbol-value-skewed", {"symbol_skew": True}, {"kernel.symbols"}),
    ("modulep-physical", {"modulep_physical": True}, {"entry.modulep"}),
    ("image-in-reserved-memory", {"image_in_reserved": True}, {"memory.image-usable"}),
    ("dtb-beyond-early-window", {"dtb_far": True, "dtb": "full"}, {"dtb.header"}),
    ("file-overlaps-environment", {"raw_size_overstated": True, "expect": False}, {"meta.layout"}),
    ("module-dynamic-absolute", {"module_dynamic_absolute": True}, {"expect.module"}),
    ("module-order-as-expected", {"env": {"jktest.expect.modules": "testmod.ko"}}, set()),
    ("module-order-one-missing", {"env": {"jktest.expect.modules": "testmod.ko,jkhelper_impl.ko"}}, {"expect.modules"}),
    ("module-order-other-first", {"env": {"jktest.expect.modules": "jkmain.ko,testmod.ko"}}, {"expect.modules"}),
    ("fault-is-reported-not-hung", {"env": {"jktest.selftest.fault": "0x1000000000000"}}, {"exception"}),
    ("integrity-check-passes-then-map-copy", {"integrity": True, "efi_copy": "aligned", "el2": True}, set()),
    ("integrity-check-halts-on-flipped-byte", {"integrity": True, "corrupt_at": 0x800}, HALT),
    ("map-copy-misdirected", {"efi_copy": "misdirected"}, {"memory.efi-map-copy"}),
    ("map-copy-one-descriptor-short", {"efi_copy": "short"}, {"memory.efi-map-copy"}),
    ("dtnode-present", {"firmware": "fdt", "env": {"jktest.expect.dtnode": "chosen"}}, set()),
    ("dtnode-absent", {"firmware": "fdt", "env": {"jktest.expect.dtnode": "jkboot-overlay"}}, {"expect.dtnode"}),
    ("smbios-expected-without-variables", {"env": {"jktest.expect.smbios": "1"}}, {"expect.smbios"}),
    ("smbios-hint-not-an-entry-point", {"env": {"jktest.expect.smbios": "1", "hint.smbios.0.mem": "0x40000000",
                                                 "smbios.version": "3.0"}}, {"expect.smbios"}),
    ("entropy-expected-without-file", {"env": {"jktest.expect.entropy": "2048"}}, {"expect.entropy"}),
]


def run(name, overrides, expected_fails, build_dir, show):
    o = Options(build=build_dir, **overrides)
    boot = build(o)
    with tempfile.TemporaryDirectory() as work:
        cmd = qemu_command(boot, work)
        start = time.monotonic()
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=HALT_WAIT if expected_fails == HALT else TIMEOUT)
            out, powered_off = p.stdout.decode(errors="replace"), p.returncode == 0
        except subprocess.TimeoutExpired as e:
            out, powered_off = (e.stdout or b"").decode(errors="replace"), False
        seconds = time.monotonic() - start
    lines = [l.rstrip("\r") for l in out.splitlines()]
    problems = verify(lines, o, expected_fails, powered_off)
    status = "ok" if not problems else "WRONG"
    print(f"{status:5} {name:45} {seconds:5.1f}s  expected {describe(expected_fails)}")
    for p in problems:
        print(f"      - {p}")
    if problems or show:
        print("      | " + "\n      | ".join(lines))
    return not problems


def describe(fails):
    if fails == HALT:
        return "the trampoline halts"
    return "VERDICT PASS" if not fails else "FAIL of " + ", ".join(sorted(fails))


def verify_halt(lines, powered_off):
    problems = []
    if powered_off:
        problems.append("QEMU exited: the trampoline should have halted")
    if not any(INTEGRITY_FAILED.match(l) for l in lines):
        problems.append("no 'jkboot: integrity check failed: ... halting' line")
    if any(l.startswith("jktest: ") for l in lines):
        problems.append("the kernel ran although the integrity check failed")
    return problems


def verify(lines, o, expected_fails, powered_off):
    if expected_fails == HALT:
        return verify_halt(lines, powered_off)
    problems = []
    jk = [l for l in lines if l.startswith("jktest: ")]
    passed = [m for m in map(INTEGRITY_PASSED.match, lines) if m]
    if o.integrity and (len(passed) != 1 or int(passed[0].group(1)) != (2 if o.firmware == "uefi" else 1)):
        problems.append("no 'jkboot: integrity check passed (N ranges, M bytes)' line with the expected N")
    if not o.integrity and passed:
        problems.append("an integrity check ran though none was asked for")
    if o.efi_copy in ("aligned", "unaligned") and "memory.efi-map-copy" not in {
            m.group(2) for m in map(RESULT.match, jk) if m and m.group(1) == "PASS"}:
        problems.append("no PASS memory.efi-map-copy line after the trampoline copied the map")
    if not powered_off:
        problems.append("QEMU did not exit by itself (PSCI SYSTEM_OFF) within the timeout")
    if (BANNER in lines) != o.uart:
        problems.append(f"trampoline banner {'missing' if o.uart else 'printed though uart = 0'}")
    if not jk or not HELLO.match(jk[0]):
        problems.append("the first jktest line is not the hello line")
        return problems
    if int(HELLO.match(jk[0]).group(1)) != (2 if o.el2 else 1):
        problems.append("hello line reports the wrong EL")
    verdict = VERDICT.match(jk[-1])
    if verdict is None:
        problems.append("the last jktest line is not a VERDICT")
        return problems
    results = [RESULT.match(l) for l in jk if RESULT.match(l)]
    fails = {m.group(2) for m in results if m.group(1) == "FAIL"}
    nfail = sum(1 for m in results if m.group(1) == "FAIL")
    counted = int(verdict.group(1) or verdict.group(3))
    if counted != len(results) or (verdict.group(2) is not None and int(verdict.group(2)) != nfail):
        problems.append(f"VERDICT counts do not match the {len(results)} PASS/FAIL lines ({nfail} FAIL)")
    if fails != expected_fails:
        problems.append(f"failed checks {sorted(fails) or 'none'}, expected {sorted(expected_fails) or 'none'}")
    if (verdict.group(2) is None) != (not expected_fails):
        problems.append("wrong verdict")
    return problems


def main():
    ap = argparse.ArgumentParser(description="Boot the test kernel in QEMU in correct and broken hand-offs.")
    ap.add_argument("--build", required=True, help="make's OUT directory (kernel, module, trampoline)")
    ap.add_argument("--only", help="run only the scenario with this name")
    ap.add_argument("--show", action="store_true", help="print every console log")
    a = ap.parse_args()
    chosen = [s for s in SCENARIOS if a.only in (None, s[0])]
    if not chosen:
        sys.exit(f"no scenario named {a.only}")
    good = sum(run(name, ov, fails, a.build, a.show) for name, ov, fails in chosen)
    print(f"{good} of {len(chosen)} scenarios behaved as expected")
    sys.exit(0 if good == len(chosen) else 1)


if __name__ == "__main__":
    main()
