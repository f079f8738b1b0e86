package dev.jkboot.kld;

import dev.jkboot.JkbootException;
import dev.jkboot.boot.BootRequest;
import dev.jkboot.boot.BootSource;
import dev.jkboot.elf.ElfException;
import dev.jkboot.elf.ElfFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The files a boot loads, in the order FreeBSD's loader loads them (stand/common/module.c): the
 * kernel, then each requested file in turn; a file asked for by module name
 * ({@code NAME_load="YES"}) is skipped when a file already loaded provides that module
 * (mod_load); an ELF module is appended and then its dependencies are loaded after it, each
 * followed by its own (mod_loadkld, file_load_dependencies), so files, their addresses and their
 * metadata come out in the loader's order. A dependency that the kernel or a loaded file provides
 * at an acceptable version is not loaded again; the others are looked up along
 * {@code module_path} ({@link ModuleSearch}).
 *
 * <p>Where the loader would leave a boot that FreeBSD's kernel cannot link, jkboot stops before
 * anything is loaded: a dependency no file provides, one found only at a wrong version, and a
 * cycle (the loader loads both files; the kernel's linker_preload then resolves neither). The
 * error names the chain that led to it.
 */
public final class DependencyResolver {
    /** A file in the loader's list, the modules it provides and those it declares (MDT_MODULE). */
    private record Loaded(String name, List<ModuleVersion> modules, List<String> declared) {
        /** A file without readable metadata provides and declares nothing. */
        static Loaded of(String name, Optional<ModuleMetadata> metadata) {
            return metadata.isPresent()
                    ? new Loaded(name, metadata.get().provided(name), metadata.get().declared())
                    : new Loaded(name, List.of(), List.of());
        }
    }

    private final ModuleSearch search;
    private final ModuleFiles files;
    private final LoaderOutput output;
    private final Consumer<String> log;
    private final boolean dependencies;
    private final List<Loaded> loaded = new ArrayList<>();
    private final List<BootRequest.FileSpec> result = new ArrayList<>();

    /**
     * @param dependencies false for {@code --no-deps}: the files as given, none added
     * @param log notes and warnings (what was skipped and why)
     */
    public DependencyResolver(ModuleSearch search, ModuleFiles files, LoaderOutput output, Consumer<String> log,
                              boolean dependencies) {
        this.search = search;
        this.files = files;
        this.output = output;
        this.log = log;
        this.dependencies = dependencies;
    }

    /**
     * Resolves {@code request} with the lines the loader prints going to {@code out}: dependencies
     * are looked up in the directories of the request's {@code module_path}, or of
     * {@code defaultPath} when it sets none.
     */
    public static BootRequest resolve(BootRequest request, ModuleFiles files, String defaultPath,
                                      boolean dependencies, Consumer<String> out, Consumer<String> log)
            throws JkbootException {
        List<String> dirs = ModulePath.directories(request.environment().getOrDefault("module_path", defaultPath));
        return new DependencyResolver(new ModuleSearch(files, dirs, log), files,
                LoaderOutput.of(request.environment(), out, log), log, dependencies).resolve(request);
    }

    /** The request with its dependencies added in the loader's order; kernel and modules read once. */
    public BootRequest resolve(BootRequest request) throws JkbootException {
        String kernelName = request.kernel().name();
        byte[] kernelBytes = request.kernel().read();
        ElfFile kernel = ElfFile.parse(kernelName, kernelBytes);
        output.elf(kernelName, kernel);
        Optional<ModuleMetadata> kernelMetadata = metadataOrWarning(kernel);
        // Ifs and loops, not lambdas: each lambda call site costs milliseconds at start-up under
        // emulation (issue 12).
        loaded.add(Loaded.of(kernelName, kernelMetadata));
        for (BootRequest.FileSpec spec : request.files()) {
            if (spec.type().isPresent()) {
                output.raw(spec.source().name(), spec.source().size());
                result.add(spec);
                continue;
            }
            Optional<Loaded> provider = spec.module().isPresent() ? providerOf(spec.module().get(), Optional.empty())
                    : Optional.empty();
            if (provider.isPresent()) {
                log.accept("module '%s' is already provided by %s; %s not loaded"
                        .formatted(spec.module().get(), provider.get().name(), spec.source().name()));
                continue;
            }
            load(spec.source(), spec.args(), List.of(), List.of(spec.source().name()));
        }
        return new BootRequest(new ReadOnce(kernelName, kernelBytes), result, request.dtb(), request.switches(),
                request.environment());
    }

    /** mod_loadkld: append the file, then load what it needs. */
    private void load(BootSource source, Optional<String> args, List<Loaded> chain, List<String> names)
            throws JkbootException {
        String name = source.name();
        if (isLoaded(name)) {
            log.accept("KLD '" + name + "' is already loaded; not loaded again");
            return;
        }
        byte[] bytes = source.read();
        ElfFile elf = ElfFile.parse(name, bytes);
        output.elf(name, elf);
        Optional<ModuleMetadata> metadata = metadataOrWarning(elf);
        Loaded file = Loaded.of(name, metadata);
        warnDuplicates(file);
        loaded.add(file);
        result.add(new BootRequest.FileSpec(new ReadOnce(name, bytes), Optional.empty(), args));
        if (!dependencies || metadata.isEmpty()) {
            return;
        }
        List<Loaded> inProgress = append(chain, file);
        for (ModuleDependency dependency : metadata.get().dependenciesInLoadOrder()) {
            List<String> path = append(names, dependency.name());
            Optional<Loaded> provider = providerOf(dependency.name(), Optional.of(dependency));
            if (provider.isPresent()) {
                if (provider.get() != file && containsInstance(inProgress, provider.get())) {
                    throw new KldException("module dependency cycle: %s, which %s provides: FreeBSD's kernel links "
                            .formatted(String.join(" -> ", path), provider.get().name())
                            + "none of these files", "remove one of them from the boot, or install versions "
                            + "that do not need each other");
                }
                continue;
            }
            output.required(dependency.name());
            List<String> tried = new ArrayList<>();
            Optional<String> found = search.find(dependency.name(), Optional.of(dependency), tried);
            if (found.isEmpty()) {
                throw new KldException("missing module dependency: %s; no file in module_path (%s) provides %s "
                        .formatted(String.join(" -> ", path), String.join(";", search.directories()),
                                dependency.describe()) + "(tried " + String.join(", ", tried) + ")",
                        "install the module that provides " + dependency.name() + " in a module_path directory "
                                + "(kldxref(8) indexes it in linker.hints), or leave " + names.get(0) + " out");
            }
            load(files.source(found.get()), Optional.empty(), inProgress, path);
            if (providerOf(dependency.name(), Optional.of(dependency)).isEmpty()) {
                throw new KldException("module '%s' exists but with wrong version: %s needs %s; %s provides %s"
                        .formatted(dependency.name(), String.join(" -> ", names), dependency.describe(),
                                found.get(), loadedVersions(dependency.name())),
                        "install a version of " + dependency.name() + " in that range, or rebuild linker.hints "
                                + "with kldxref(8) if it names the wrong file");
            }
        }
    }

    /**
     * The file's metadata; a file without a set provides its own name (see {@link ModuleMetadata#provided}).
     * Damaged metadata is reported and the file loaded without modules or dependencies, as load_elf.c
     * goes on when parse_modmetadata fails.
     */
    private Optional<ModuleMetadata> metadataOrWarning(ElfFile elf) {
        try {
            return Optional.of(ModuleMetadataReader.read(elf)
                    .orElse(new ModuleMetadata(List.of(), List.of(), List.of())));
        } catch (ElfException e) {
            log.accept(e.getMessage() + "; loaded without its module metadata, so it provides no module and "
                    + "its dependencies are not loaded (FreeBSD's kernel may refuse it)");
            return Optional.empty();
        }
    }

    /**
     * What FreeBSD's kernel will refuse although the loader loads it: a module version another
     * file provides (linker_preload) or a module another file declares (module_register).
     */
    private void warnDuplicates(Loaded file) {
        for (Loaded other : loaded) {
            for (ModuleVersion m : file.modules()) {
                if (other.modules().contains(m)) {
                    log.accept("%s provides module %s, which %s already provides: FreeBSD's kernel will refuse one of them"
                            .formatted(file.name(), m, other.name()));
                }
            }
            for (String m : file.declared()) {
                if (other.declared().contains(m)) {
                    log.accept("%s declares module %s, which %s already declares: FreeBSD's kernel registers only the first"
                            .formatted(file.name(), m, other.name()));
                }
            }
        }
    }

    /** module.c file_findmodule over every loaded file, in load order. */
    private Optional<Loaded> providerOf(String module, Optional<ModuleDependency> wanted) {
        for (Loaded file : loaded) {
            if (ModuleDependency.pick(module, wanted, file.modules()) >= 0) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** By identity: a record's generated equals links through ObjectMethods at its first call (issue 12). */
    private static boolean containsInstance(List<Loaded> files, Loaded file) {
        for (Loaded f : files) {
            if (f == file) {
                return true;
            }
        }
        return false;
    }

    private boolean isLoaded(String name) {
        for (Loaded l : loaded) {
            if (l.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private String loadedVersions(String module) {
        List<String> versions = new ArrayList<>();
        loaded.forEach(f -> f.modules().stream().filter(m -> m.name().equals(module))
                .forEach(m -> versions.add(m + " (" + f.name() + ")")));
        return String.join(", ", versions);
    }

    private static <T> List<T> append(List<T> list, T element) {
        List<T> longer = new ArrayList<>(list);
        longer.add(element);
        return List.copyOf(longer);
    }
}
