# Pre-jkboot hook for 44-integrity-check: plans the same boot as a dry run, takes a byte of the
# kernel's text (its _start, from the plan's kernelEntry) and boots with the trampoline's test hook
# flipping that byte after kexec_load. The integrity check must then refuse to enter the kernel.
args="boot --kernel /opt/jkboot/testkernel/kernel --check-integrity jktest.expect.firmware=fdt"
entry=$(jkboot $args --dry-run --json | sed -n 's/.*"kernelEntry": *"\(0x[0-9a-f]*\)".*/\1/p' | head -n 1)
if [ -z "$entry" ]; then
    echo "corrupt-after-load: no kernelEntry in the dry run's plan"
    exit 1
fi
pa=$(printf '0x%x' $((entry + 0x10)))
echo "corrupt-after-load: kernel entry $entry, flipping the byte at $pa"
exec jkboot $args --test-corrupt-after-load "$pa"
