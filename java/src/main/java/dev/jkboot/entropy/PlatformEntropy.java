package dev.jkboot.entropy;

import dev.jkboot.boot.BootPlanning;
import dev.jkboot.boot.BootRequest;
import dev.jkboot.boot.BootSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The platform entropy file FreeBSD's kernel harvests: type {@code boot_entropy_platform}
 * (sys/sys/random.h RANDOM_PLATFORM_BOOT_ENTROPY_MODULE), 2048 bytes (stand/efi/loader/main.c
 * {@code command_seed_entropy}'s default, which core.lua's {@code loadEntropy} uses), loaded after
 * the kernel and modules as core.lua does, and before the device-tree overlays, which FreeBSD's
 * loader reads only when it boots. The kernel feeds it in 8-byte events
 * ({@code random_early_prime} rounds the size down to {@code he_entropy}) and then zeroes it.
 */
public final class PlatformEntropy {
    public static final String TYPE = "boot_entropy_platform";
    /** The file's name in the metadata; the kernel looks it up by type only. */
    public static final String NAME = "linux_getrandom";
    public static final int SIZE = 2048;
    /** The loader variable FreeBSD's defaults set to "YES"; anything else turns the seed off. */
    public static final String SWITCH_VARIABLE = "entropy_efi_seed";

    private PlatformEntropy() {}

    /**
     * {@code request} with the entropy file appended, or unchanged when the source fails: FreeBSD's
     * loader goes on when its RNG does not answer, and so does jkboot, saying why.
     */
    public static BootRequest append(BootRequest request, EntropySource source, Consumer<String> log) {
        byte[] bytes;
        try {
            bytes = source.read(SIZE);
        } catch (EntropyException e) {
            log.accept("platform entropy skipped: " + e.getMessage() + " (" + e.fix() + ")");
            return request;
        }
        List<BootRequest.FileSpec> files = new ArrayList<>(request.files());
        int at = 0;
        while (at < files.size() && !files.get(at).type().equals(Optional.of(BootPlanning.OVERLAY_TYPE))) {
            at++;
        }
        files.add(at, new BootRequest.FileSpec(new Drawn(bytes), Optional.of(TYPE), Optional.empty()));
        return new BootRequest(request.kernel(), files, request.dtb(), request.switches(), request.environment());
    }

    /** Whether loader.conf leaves the seed on: unset (jkboot's default) or "YES" in any case. */
    public static boolean wanted(String switchValue) {
        return switchValue == null || switchValue.equalsIgnoreCase("yes");
    }

    /** Bytes drawn once, so the plan and the load see the same ones. */
    private record Drawn(byte[] bytes) implements BootSource {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public byte[] read() {
            return bytes.clone();
        }
    }
}
