package dev.jkboot.boot;

import dev.jkboot.freebsd.Howto;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the user asked to boot.
 *
 * @param environment {@code name=value} words, in the order given (a later one wins)
 * @param switches howto bits from switch letters such as {@code -sv}
 */
public record BootRequest(BootSource kernel, List<FileSpec> files, Optional<BootSource> dtb, Howto switches,
                          Map<String, String> environment) {

    /**
     * A further file: an ELF module when {@code type} is empty, else a raw file of that type.
     *
     * @param module the module name it was asked for by ({@code NAME_load="YES"}), for FreeBSD's
     *     {@code load NAME}, which loads nothing when a file already loaded provides that module;
     *     empty for a file named by its path
     */
    public record FileSpec(BootSource source, Optional<String> type, Optional<String> args, Optional<String> module) {
        public FileSpec(BootSource source, Optional<String> type, Optional<String> args) {
            this(source, type, args, Optional.empty());
        }
    }

    public BootRequest {
        files = List.copyOf(files);
        environment = new LinkedHashMap<>(environment);
    }
}
