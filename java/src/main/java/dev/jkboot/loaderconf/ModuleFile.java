package dev.jkboot.loaderconf;

import java.util.Optional;

/**
 * A file loader.conf asks to load with the kernel, found on the FreeBSD file system.
 *
 * @param key the loader.conf key ({@code key_load="YES"})
 * @param path the file found
 * @param type the preload type for raw files ({@code key_type}, e.g. "md_image"); empty for an
 *     ELF kernel module, whose type comes from its header
 * @param args the module's arguments ({@code key_flags}, words joined by one space)
 * @param module the module name it was found by (loaded only if no loaded file provides that
 *     module yet); empty for a raw file or a path
 */
public record ModuleFile(String key, String path, Optional<String> type, Optional<String> args,
                         Optional<String> module) {
    public ModuleFile(String key, String path, Optional<String> type, Optional<String> args) {
        this(key, path, type, args, Optional.empty());
    }
}
