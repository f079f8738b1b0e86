package dev.jkboot.freebsd;

/**
 * A file that can be placed in the boot image once the builder knows where the previous one ended.
 * The kernel ignores {@code va} (its ELF headers fix its address); modules and raw files go there.
 */
@FunctionalInterface
public interface Loadable {
    LoadedObject loadAt(long va) throws BootSpecException;
}
