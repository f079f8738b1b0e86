#!/usr/bin/env python3
"""The CycloneDX bill of materials of jkboot's initramfs fragment (scripts/build calls it).

Maven's CycloneDX plugin lists the jars (jkboot and its runtime dependencies, with versions and
hashes). This adds what is not Java: the Debian arm64 packages the jlink runtime, the C libraries
and the optional /init's busybox come from, each with its version, a Debian package URL and the
SHA-256 of the .deb; every shipped C library is listed as a file of its package. The output is
deterministic: same inputs, same bytes.
"""
import argparse
import hashlib
import json
import subprocess
import sys


def deb_field(deb, field):
    return subprocess.run(["dpkg-deb", "-f", deb, field], check=True, capture_output=True,
                          text=True).stdout.strip()


def deb_files(deb):
    out = subprocess.run(["dpkg-deb", "-c", deb], check=True, capture_output=True, text=True).stdout
    # "mode owner size date time ./path" or "... ./path -> target" for a link: the shipped name is the path's.
    return {line.split(" -> ")[0].split()[-1].split("/")[-1] for line in out.splitlines() if line}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def deb_component(deb, role, files=()):
    name, version = deb_field(deb, "Package"), deb_field(deb, "Version")
    purl = f"pkg:deb/debian/{name}@{version}?arch=arm64&distro=debian-12"
    c = {"type": "library" if role == "c-library" else "application", "bom-ref": purl, "supplier": {"name": "Debian"},
         "name": name, "version": version, "purl": purl,
         "hashes": [{"alg": "SHA-256", "content": sha256(deb)}],
         "properties": [{"name": "jkboot:role", "value": role}]}
    c["properties"] += [{"name": "jkboot:file", "value": f} for f in sorted(files)]
    return c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--maven", required=True, help="target/bom.json from cyclonedx-maven-plugin")
    ap.add_argument("--version", required=True)
    ap.add_argument("--epoch", type=int, required=True)
    ap.add_argument("--component", required=True, help="NAME=PATH of the fragment itself")
    ap.add_argument("--deb", action="append", default=[], help="ROLE=DEB[,DEB...]")
    ap.add_argument("--libs", required=True, help="comma-separated names of the shipped C libraries")
    ap.add_argument("--lib-debs", required=True, help="comma-separated .debs that may hold them")
    o = ap.parse_args()

    bom = json.load(open(o.maven))
    components = list(bom.get("components", []))
    for spec in o.deb:
        role, debs = spec.split("=", 1)
        components += [deb_component(d, role) for d in debs.split(",") if d]
    libs = set(filter(None, o.libs.split(",")))
    found = set()
    for deb in o.lib_debs.split(","):
        mine = libs & deb_files(deb)
        if mine:
            components.append(deb_component(deb, "c-library", mine))
            found |= mine
    if libs - found:
        sys.exit(f"sbom.py: no .deb given holds {sorted(libs - found)}")
    name, path = o.component.split("=", 1)
    bom["metadata"]["component"] = {
        "type": "firmware", "bom-ref": name, "name": "jkboot", "version": o.version,
        "description": "jkboot's initramfs fragment for LinuxBoot (aarch64)",
        "hashes": [{"alg": "SHA-256", "content": sha256(path)}]}
    bom["components"] = components
    bom["dependencies"] = bom.get("dependencies", []) + [
        {"ref": name, "dependsOn": [c["bom-ref"] for c in components]}]
    json.dump(bom, sys.stdout, indent=2, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
