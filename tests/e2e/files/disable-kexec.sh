# Pre-jkboot hook: close kexec_load the way hardened distributions do (permanent until reboot).
echo 1 > /proc/sys/kernel/kexec_load_disabled
