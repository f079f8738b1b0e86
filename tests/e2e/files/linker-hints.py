#!/usr/bin/env python3
"""Writes a linker.hints file as FreeBSD's kldxref(8) does (usr.sbin/kldxref/kldxref.c), for the
records given as MODULE:VERSION:FILE words: MDT_VERSION records only, which is all the loader
reads. kldxref is not packaged for Debian; this writer is independent of jkboot's Java reader.

Layout, little-endian: int LINKER_HINTS_VERSION (1); per record an int length (of what follows,
padded to 4), int MDT_VERSION (3), the module name as a length byte and its bytes, zero padding
to a multiple of 4 from the start of the file, int version, the file name as a length byte and
its bytes, zero padding to 4.

usage: linker-hints.py OUT MODULE:VERSION:FILE...
"""
import struct
import sys

MDT_VERSION = 3


def record(name, version, kld):
    body = bytearray(struct.pack("<i", MDT_VERSION))
    body += bytes([len(name)]) + name.encode()
    while len(body) % 4:
        body += b"\0"
    body += struct.pack("<i", version)
    body += bytes([len(kld)]) + kld.encode()
    while len(body) % 4:
        body += b"\0"
    return struct.pack("<i", len(body)) + body


def main(out, words):
    data = bytearray(struct.pack("<i", 1))
    for word in words:
        name, version, kld = word.split(":")
        data += record(name, int(version), kld)
    with open(out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
