package dev.jkboot.loaderconf;

import dev.jkboot.fs.FileContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the loader.conf(5) files in FreeBSD's order (stand/lua/config.lua {@code readConf}):
 * <ol>
 *   <li>{@code /boot/defaults/loader.conf};
 *   <li>after each file, the files its {@code loader_conf_files} names, depth first; every file
 *       starts with that variable cleared, so each file can chain further files, and no file is
 *       read twice;
 *   <li>once the defaults file and its chain are done: the {@code *.conf} files of each
 *       {@code loader_conf_dirs} directory (plus {@code /boot/loader.conf.d/<product>} for each
 *       variable named in {@code product_vars}), then the {@code local_loader_conf_files}.
 * </ol>
 * With FreeBSD 14/15's defaults that is /boot/device.hints, /boot/loader.conf,
 * /boot/loader.conf.d/*.conf, /boot/loader.conf.local. Missing files are skipped silently, as in
 * FreeBSD. Where jkboot differs, a {@link ConfigProblem} says so:
 * <ul>
 *   <li>directory entries are read in name order (FreeBSD uses the directory's own order, which
 *       on UFS is mostly creation order);
 *   <li>{@code exec} lines and {@code _before/_after/_error} module commands are not run (an
 *       {@code exec="echo ..."} is skipped silently: the stock defaults file has one);
 *   <li>{@code .lua} configuration files are not run;
 *   <li>a pending {@code nextboot} configuration is not applied, because jkboot cannot mark it
 *       used on a read-only disk and would apply it on every boot.
 * </ul>
 * Line numbers are physical lines (FreeBSD's own messages count only non-empty lines). What the
 * files may make jkboot read is bounded ({@link ConfLimits}): a file, line, variable count or
 * chain beyond a limit is reported and skipped.
 */
public final class LoaderConfReader {
    public static final String DEFAULTS = "/boot/defaults/loader.conf";
    /** Write-only for config.lua: it never reaches the environment (loader_env_restricted_table). */
    private static final String CONF_FILES = "loader_conf_files";
    private static final Pattern WORD = Pattern.compile("[!-~]+");
    private static final Pattern HARMLESS_EXEC = Pattern.compile("\\s*echo(\\s.*)?", Pattern.DOTALL);

    private final BootFiles files;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, Origin> origins = new LinkedHashMap<>();
    private final Map<String, ModuleSettings> modules = new LinkedHashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> loaded = new HashSet<>();
    private String confFiles;
    private long bytesRead;
    private int moreProblems;

    private LoaderConfReader(BootFiles files, Map<String, String> presets) {
        this.files = files;
        env.putAll(presets);
    }

    /**
     * Reads the configuration. {@code presets} are the variables set before any file is read
     * (kboot's command-line words, {@code currdev}); the files may override them, as in FreeBSD.
     */
    public static ParsedConfig read(BootFiles files, Map<String, String> presets) throws LoaderConfException {
        LoaderConfReader reader = new LoaderConfReader(files, presets);
        try {
            if (files.kind(DEFAULTS) != BootFiles.Kind.FILE) {
                reader.problems.add(new ConfigProblem(DEFAULTS, 0, "missing, so no other configuration file is "
                        + "read either (FreeBSD finds them through its loader_conf_files)"));
            }
            reader.readConf(DEFAULTS, 1);
            reader.checkNextboot();
        } catch (IOException e) {
            throw new LoaderConfException("cannot read the boot configuration from " + files + ": " + e.getMessage(),
                    "check the disk or the directory given with --root", e);
        }
        if (reader.moreProblems > 0) {
            reader.problems.add(new ConfigProblem(DEFAULTS, 0, "and " + reader.moreProblems + " more problems in the "
                    + "configuration files, not listed one by one (at most " + ConfLimits.PROBLEMS + " are)"));
        }
        return new ParsedConfig(reader.env, reader.origins, List.copyOf(reader.modules.values()), reader.problems);
    }

    private void readConf(String path, int depth) throws IOException {
        String file = absolute(path);
        if (loaded.contains(file)) {
            return;
        }
        if (depth > ConfLimits.DEPTH) {
            problem(new ConfigProblem(file, 0, "chained %d files deep through loader_conf_files, more than the %d "
                    .formatted(depth, ConfLimits.DEPTH) + "jkboot follows (a loop of ever new names?); not read"));
            return;
        }
        boolean topLevel = loaded.isEmpty();
        confFiles = null;
        Optional<byte[]> bytes = readLimited(file);
        if (bytes.isPresent() && file.endsWith(".lua")) {
            problem(new ConfigProblem(file, 0, "Lua configuration files are not run by jkboot; skipped"));
        } else if (bytes.isPresent()) {
            parse(file, new String(bytes.get(), StandardCharsets.UTF_8));
        }
        loaded.add(file);
        if (confFiles != null) {
            for (String next : words(confFiles)) {
                readConf(next, depth + 1);
            }
        }
        if (topLevel) {
            readConfDirs();
            String local = env.get("local_loader_conf_files");
            if (local != null) {
                for (String next : words(local)) {
                    readConf(next, depth + 1);
                }
            }
        }
    }

    /**
     * A configuration file, refused before it is read when it, or all files so far, would exceed
     * {@link ConfLimits}; empty when missing, not a regular file, or refused (with a problem).
     */
    private Optional<byte[]> readLimited(String file) throws IOException {
        Optional<FileContent> content = files.open(file);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        long size = content.get().size();
        String refused = loaded.size() >= ConfLimits.FILES
                ? "would be configuration file number %d, more than the %d jkboot reads".formatted(loaded.size() + 1,
                        ConfLimits.FILES)
                : size > ConfLimits.FILE_BYTES
                ? "is %d bytes, more than the %d jkboot reads from one configuration file".formatted(size,
                        ConfLimits.FILE_BYTES)
                : bytesRead + size > ConfLimits.TOTAL_BYTES
                ? "is %d bytes, more than the %d left of the %d jkboot reads from all configuration files together"
                        .formatted(size, ConfLimits.TOTAL_BYTES - bytesRead, ConfLimits.TOTAL_BYTES)
                : null;
        if (refused != null) {
            problem(new ConfigProblem(file, 0, refused + "; skipped"));
            return Optional.empty();
        }
        bytesRead += size;
        return Optional.of(content.get().toArray());
    }

    private void readConfDirs() throws IOException {
        List<String> dirs = new ArrayList<>(words(env.getOrDefault("loader_conf_dirs", "")));
        for (String var : words(env.getOrDefault("product_vars", ""))) {
            String product = env.get(var);
            if (product != null) {
                dirs.add("/boot/loader.conf.d/" + product);
            }
        }
        for (String dir : dirs) {
            String absDir = absolute(dir);
            if (files.kind(absDir) != BootFiles.Kind.DIRECTORY) {
                problem(new ConfigProblem(absDir, 0, "named in loader_conf_dirs but not a directory; skipped"));
                continue;
            }
            List<String> names = new ArrayList<>(files.list(absDir, ConfLimits.DIRECTORY_ENTRIES + 1));
            if (names.size() > ConfLimits.DIRECTORY_ENTRIES) {
                problem(new ConfigProblem(absDir, 0, "has more than %d entries, more than jkboot lists; skipped"
                        .formatted(ConfLimits.DIRECTORY_ENTRIES)));
                continue;
            }
            names.sort(null);
            for (String name : names) {
                String path = absDir.replaceFirst("/+$", "") + "/" + name;
                if (name.endsWith(".conf") && files.kind(path) == BootFiles.Kind.FILE) {
                    readConf(path, 2);
                }
            }
        }
    }

    /** Records a problem, or only counts it once {@link ConfLimits#PROBLEMS} are recorded. */
    private void problem(ConfigProblem p) {
        if (problems.size() < ConfLimits.PROBLEMS) {
            problems.add(p);
        } else {
            moreProblems++;
        }
    }

    private void parse(String file, String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.length() > ConfLimits.LINE_BYTES) {
                problem(new ConfigProblem(file, number, "line of %d characters, longer than the %d jkboot reads; "
                        .formatted(line.length(), ConfLimits.LINE_BYTES) + "skipped"));
                continue;
            }
            ConfLine parsed = ConfLineParser.parse(line);
            if (parsed instanceof ConfLine.Malformed) {
                problem(new ConfigProblem(file, number, "malformed line, skipped: '" + line.strip()
                        + "' (expected name=\"value\", name=word or a # comment)"));
            } else if (parsed instanceof ConfLine.Exec exec) {
                if (!HARMLESS_EXEC.matcher(exec.command()).matches()) {
                    problem(new ConfigProblem(file, number, "exec=\"" + exec.command()
                            + "\" is a loader command; jkboot does not run loader commands, skipped"));
                }
            } else if (parsed instanceof ConfLine.ModuleSetting setting) {
                moduleSetting(setting, file, number);
            } else if (parsed instanceof ConfLine.Assignment assignment) {
                assign(assignment, file, number);
            }
        }
    }

    /**
     * Module properties go both to the module table and, unexpanded, to the environment (newer
     * config.lua does both); the commands run around a load are not supported.
     */
    private void moduleSetting(ConfLine.ModuleSetting setting, String file, int number) {
        String key = setting.module();
        String property = setting.property();
        if (!room(key + "_" + property, file, number)) {
            return;
        }
        Origin where = new Origin(file, number);
        ModuleSettings current = modules.getOrDefault(key, ModuleSettings.named(key, where));
        switch (property) {
            case "before", "after", "error" -> problem(new ConfigProblem(file, number, key + "_" + property
                    + " is a loader command run around loading " + key + "; jkboot does not run loader commands, "
                    + "ignored"));
            default -> modules.put(key, current.with(property, setting.value(), where));
        }
        String value = property.equals("load") ? setting.value().toUpperCase(Locale.ROOT) : setting.value();
        env.put(key + "_" + property, value);
        origins.put(key + "_" + property, where);
    }

    private void assign(ConfLine.Assignment assignment, String file, int number) {
        if (!assignment.name().equals(CONF_FILES) && !room(assignment.name(), file, number)) {
            return;
        }
        ValueExpansion.Result result = ValueExpansion.expand(assignment.value(), env::get, ConfLimits.LINE_BYTES);
        if (result instanceof ValueExpansion.Result.Error error) {
            problem(new ConfigProblem(file, number, "cannot set " + assignment.name() + ": " + error.reason()
                    + "; skipped"));
        } else if (result instanceof ValueExpansion.Result.Value value) {
            if (assignment.name().equals(CONF_FILES)) {
                confFiles = value.text();
            } else {
                env.put(assignment.name(), value.text());
                origins.put(assignment.name(), new Origin(file, number));
            }
        }
    }

    /** Whether {@code name} may be set: it is set already, or there is room for one more variable. */
    private boolean room(String name, String file, int number) {
        if (env.containsKey(name) || env.size() < ConfLimits.VARIABLES) {
            return true;
        }
        problem(new ConfigProblem(file, number, "%s would be variable number %d, more than the %d jkboot keeps "
                .formatted(name, env.size() + 1, ConfLimits.VARIABLES) + "(FreeBSD's kernel keeps 512); skipped"));
        return false;
    }

    /**
     * nextboot(8) leaves a one-time configuration that the loader applies and then marks used by
     * rewriting its first line. jkboot reads the disk read-only, so it reports and skips it.
     */
    private void checkNextboot() throws IOException {
        String file = env.get("nextboot_conf");
        String enable = env.get("nextboot_enable");
        if (file == null || "NO".equals(enable)) {
            return;
        }
        Optional<byte[]> bytes = readLimited(absolute(file));
        if (bytes.isEmpty()) {
            return;
        }
        String text = new String(bytes.get(), StandardCharsets.UTF_8);
        if (enable == null && text.startsWith("nextboot_enable=\"NO\"")) {
            return;
        }
        problem(new ConfigProblem(absolute(file), 0, "a one-time boot configuration from nextboot(8) is "
                + "pending; jkboot cannot mark it used on a read-only disk, so it is not applied (remove it "
                + "with 'nextboot -D' or boot it once with FreeBSD's loader)"));
    }

    /** Words of a list variable: runs of printable non-space characters (Lua's [%w%p]+). */
    static List<String> words(String list) {
        return matches(WORD, list);
    }

    /** Every match of {@code pattern} in {@code text}, in order. */
    static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** FreeBSD's loader opens relative names from the root of the current device. */
    static String absolute(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }
}
