#!/usr/bin/env bash
# Measured boot. Debian 12's arm64 kernel has no driver for QEMU's tpm-tis-device
# (CONFIG_TCG_TIS is not set), so the software TPM (swtpm, libtpms) reaches the guest as a virtio
# serial port, and Linux's vTPM proxy (tpm_vtpm_proxy.ko, fed by native/tpmrelay) turns that into
# a real /dev/tpm0 and /dev/tpmrm0: jkboot finds /dev/tpmrm0 itself and goes through Linux's TPM
# core and resource manager. swtpm runs on after the VM has kexeced into the test kernel and
# powered off; the test then reads the PCRs from the host with tpm2-tools and compares them with
# values it computes itself from the files (PCR = SHA(PCR || SHA(file)), from zero: without
# firmware nothing else extends PCRs 8 and 9).
. "$(dirname "$0")/lib.sh"

kernel="$JKBOOT_BUILD/native/testkernel/kernel"
module="$JKBOOT_BUILD/native/testkernel/testmod.ko"

# The PCR after extending zeros with the digest of each argument's bytes; $1 is the hash (sha1, sha256).
chain() {
  python3 - "$@" <<'PY'
import hashlib, sys
alg, parts = sys.argv[1], sys.argv[2:]
pcr = bytes(hashlib.new(alg).digest_size)
for p in parts:
    data = open(p[1:], "rb").read() if p.startswith("@") else p.encode()
    pcr = hashlib.new(alg, pcr + hashlib.new(alg, data).digest()).digest()
print(pcr.hex().upper())
PY
}

# PCR N of BANK, read from the host through swtpm's socket.
pcr() {
  tpm2_pcrread -T "swtpm:path=$tpm/swtpm.sock" "$1:$2" | sed -n "s/^ *$2 *: 0x//p"
}

case_begin measured-boot-swtpm
tpm="$E2E_LOGS/measured-boot-swtpm.tpm"
rm -rf "$tpm"
blob="$E2E_LOGS/measured-blob.bin"
python3 -c 'import sys; sys.stdout.buffer.write(bytes((i * 13 + 5) % 253 for i in range(70000)))' > "$blob"
run_vm --firmware direct --tpm "$tpm" --tpm-link proxy --tpm-keep --add "$blob=/opt/jktest/blob.bin" -- \
  boot --kernel /opt/jkboot/testkernel/kernel --module /opt/jkboot/testkernel/testmod.ko \
  --module /opt/jktest/blob.bin:md_image --tpm-policy require -s \
  hw.jktest=hello jktest.expect.howto=0x2
expect_status 0
expect_line '^jktest: VERDICT PASS'
expect_no_line '^jktest: FAIL'
expect_line '^tpmrelay: /dev/tpm0 and /dev/tpmrm0 relay to /dev/vport0p1$'
expect_line '^jkboot: measured 4 items into PCRs \[8, 9\] of /dev/tpmrm0 \(banks \[sha1, sha256, sha384, sha512\]\); event log /run/jkboot/tpm-event-log.bin$'
line="howto=0x00000002 hw.jktest=hello jktest.expect.howto=0x2 kernelname=/opt/jkboot/testkernel/kernel"
expect_line "^jkboot: measured into PCR 8: sha256:$(printf %s "$line" | sha256sum | cut -c1-64) kernel_cmdline: $line\$"
expect_line "^jkboot: measured into PCR 9: sha256:$(sha256sum < "$kernel" | cut -c1-64) /opt/jkboot/testkernel/kernel\$"
if [ -f "$tpm/swtpm.pid" ]; then
  for bank in sha1 sha256; do
    want=$(chain "$bank" "@$kernel" "@$module" "@$blob")
    got=$(pcr "$bank" 9)
    [ "$got" = "$want" ] || fail "$bank PCR 9 is '$got', the files make $want"
    want=$(chain "$bank" "$line")
    got=$(pcr "$bank" 8)
    [ "$got" = "$want" ] || fail "$bank PCR 8 is '$got', the command line makes $want"
  done
  kill "$(cat "$tpm/swtpm.pid")"
else
  fail "swtpm did not keep running (no $tpm/swtpm.pid)"
fi
case_end

case_begin measured-boot-no-tpm
run_vm --firmware direct -- boot --kernel /opt/jkboot/testkernel/kernel jktest.expect.howto=0x0
expect_status 0
expect_line '^jkboot: measured boot: no TPM 2.0 device \(/dev/tpmrm0, /dev/tpm0\) \(.*\); booting on without measurements \(--tpm-policy require would stop here\)$'
expect_line '^jktest: VERDICT PASS'
case_end

case_begin measured-boot-required-tpm-broken
# /dev/null takes the command and answers nothing: a TPM that does not respond.
run_vm --firmware direct -- boot --kernel /opt/jkboot/testkernel/kernel --tpm-device /dev/null --tpm-policy require
expect_status 0
expect_line '^jkboot: error: /dev/null ended its answer after 0 bytes$'
expect_line '^jkboot exited with status 3$'
expect_no_line 'kexec_load:'
expect_no_line '^jktest:'
case_end
