#!/usr/bin/env bash
# Verified boot: the FreeBSD disk's /boot carries a manifest of sha256 fingerprints signed the way
# FreeBSD's libsecureboot expects (manifest.esig: PEM of `openssl dgst -sha256 -sign`;
# manifest.ecerts: the signer's chain), all made here by openssl. With the CA installed in the
# initramfs as a trust anchor, the signed disk boots; the same disk with one module changed after
# signing is refused by jkboot as PID 1, which says why and keeps a rescue shell, with nothing loaded.
. "$(dirname "$0")/lib.sh"

loader_conf='testmod_load="YES"
boot_verbose="YES"
autoboot_delay="0"
jktest.expect.module="testmod.ko"
jktest.expect.env.vfs.root.mountfrom="ufs:/dev/vtbd0p2"'

keys="$E2E_LOGS/verified-boot-keys"
tree="$E2E_LOGS/verified-boot-tree"
img="$E2E_LOGS/verified-boot.img"

# A CA (the trust anchor) and a signer it certified: what a FreeBSD user has, or makes like this.
make_keys() {
  rm -rf "$keys" && mkdir -p "$keys" || return 1
  openssl req -x509 -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 30 \
    -subj '/CN=e2e boot CA' -keyout "$keys/ca.key" -out "$keys/ca.pem" 2>/dev/null || return 1
  openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -subj '/CN=e2e boot signer' -keyout "$keys/signer.key" -out "$keys/signer.csr" 2>/dev/null || return 1
  openssl x509 -req -in "$keys/signer.csr" -CA "$keys/ca.pem" -CAkey "$keys/ca.key" -CAcreateserial \
    -days 30 -out "$keys/signer.pem" 2>/dev/null
}

# The README's recipe: a manifest of every file under /boot, relative to /boot, signed.
sign_boot() {
  local boot=$1/boot
  (cd "$boot" && find . -type f ! -name 'manifest*' | sed 's,^\./,,' | LC_ALL=C sort | while read -r f; do
     printf '%s sha256=%s\n' "$f" "$(openssl dgst -sha256 -r "$f" | cut -d' ' -f1)"
   done) > "$boot/manifest" || return 1
  openssl dgst -sha256 -sign "$keys/signer.key" -out "$keys/manifest.der" "$boot/manifest" || return 1
  { echo '-----BEGIN SIGNATURE-----'; openssl base64 -in "$keys/manifest.der"; echo '-----END SIGNATURE-----'; } \
    > "$boot/manifest.esig"
  cat "$keys/signer.pem" "$keys/ca.pem" > "$boot/manifest.ecerts"
}

make_keys && freebsd_tree "$tree" "$loader_conf" && sign_boot "$tree" && freebsd_disk "$img" "$tree" \
  || { echo "FAIL verified-boot-setup: could not sign or build the FreeBSD disk"; echo "FAIL verified-boot-setup" >> "$E2E_RESULTS"; exit 0; }

# 1. Signed disk, anchor in the initramfs: every file verified, FreeBSD boots.
case_begin verified-autoboot
run_vm --disk "$img" --add "$keys/ca.pem=/etc/jkboot/trust/ca.pem"
expect_status 0
expect_line '^jkboot: verified boot: require \(1 trust anchor in /etc/jkboot/trust\)'
expect_line '^jkboot: verify: manifest /boot/manifest signed by CN=e2e boot signer'
expect_line '^jkboot: verify: /boot/loader.conf verified \(/boot/manifest'
expect_line '^jkboot: verify: /boot/kernel/kernel verified \(/boot/manifest'
expect_line '^jkboot: verify: /boot/kernel/testmod.ko verified \(/boot/manifest'
expect_line '^jkboot: timings:'
expect_line '^jktest: PASS expect.module:'
expect_line '^jktest: VERDICT PASS'
expect_no_line '^jktest: FAIL'
case_end

# 2. The same disk with testmod.ko changed after signing, jkboot as PID 1: refused before anything
#    is loaded, the reason on the console, a live rescue shell, no reboot into anything.
case_begin verified-autoboot-tampered-module
printf 'tampered' >> "$tree/boot/kernel/testmod.ko"
freebsd_disk "$img" "$tree" || fail "could not rebuild the FreeBSD disk"
run_vm --disk "$img" --add "$keys/ca.pem=/etc/jkboot/trust/ca.pem" --append jkboot.init=exec \
  --send-after 'rescue shell on the console' 'echo ALIVE-$((6*7)); poweroff -f'
expect_status 0
expect_line '^jkboot: error: /boot/kernel/testmod.ko refused: its SHA-256 is [0-9a-f]{64}, but /boot/manifest lists sha256=[0-9a-f]{64} \(the file was changed after the manifest was signed\)'
expect_line '^jkboot exited with status 4$'
expect_line '^ALIVE-42$'
expect_no_line '^jktest:'
expect_no_line 'Kernel panic'
case_end
