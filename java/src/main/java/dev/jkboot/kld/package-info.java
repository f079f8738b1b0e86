/**
 * Kernel modules as FreeBSD's loader finds and orders them (stand/common/module.c,
 * stand/common/load_elf.c): the module metadata of the kernel and of every .ko
 * ({@link dev.jkboot.kld.ModuleMetadataReader}), {@code module_path} with each directory's
 * {@code linker.hints} ({@link dev.jkboot.kld.ModuleSearch}), and the files a boot needs in the
 * order the loader would load them, dependencies included ({@link dev.jkboot.kld.DependencyResolver}),
 * with the lines the loader prints while it loads ({@link dev.jkboot.kld.LoaderOutput}).
 */
package dev.jkboot.kld;
