package dev.jkboot.freebsd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel environment handed over in the ENVP block. FreeBSD's loader keeps its variables sorted
 * by {@code strcmp} on the name, and the kernel uses the block in place as its static kenv, so the
 * order is part of the contract: {@code name=value\0} per variable, then one more {@code \0}.
 */
public final class KernelEnvironment {
    /** Byte-wise name order, as strcmp sees UTF-8. */
    private static final Comparator<String> STRCMP = new Strcmp();

    private final TreeMap<String, String> vars;

    private KernelEnvironment(TreeMap<String, String> vars) {
        this.vars = vars;
    }

    public static KernelEnvironment empty() {
        return new KernelEnvironment(new TreeMap<>(STRCMP));
    }

    /** A copy with {@code name} set to {@code value}; a later set of the same name wins. */
    public KernelEnvironment with(String name, String value) throws BootSpecException {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new BootSpecException("environment variable name \"" + printable(name)
                    + "\" is empty or contains '=' or a NUL byte", "use name=value with a plain name");
        }
        if (value.indexOf('\0') >= 0) {
            throw new BootSpecException("environment variable " + name + " has a NUL byte in its value",
                    "remove the NUL byte from the value");
        }
        TreeMap<String, String> copy = new TreeMap<>(vars);
        copy.put(name, value);
        return new KernelEnvironment(copy);
    }

    public KernelEnvironment withAll(Map<String, String> more) throws BootSpecException {
        KernelEnvironment env = this;
        for (Map.Entry<String, String> e : more.entrySet()) {
            env = env.with(e.getKey(), e.getValue());
        }
        return env;
    }

    /** The variables in the order the kernel will see them. */
    public Map<String, String> variables() {
        return Collections.unmodifiableMap(vars);
    }

    public String get(String name) {
        return vars.get(name);
    }

    /** The ENVP block bytes. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : vars.entrySet()) {
            byte[] entry = (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8);
            out.write(entry, 0, entry.length);
            out.write(0);
        }
        out.write(0);
        return out.toByteArray();
    }

    private static String printable(String s) {
        return s.replace("\0", "\\0");
    }

    /** A class, not a lambda: a lambda call site costs milliseconds at start-up under emulation (issue 12). */
    private static final class Strcmp implements Comparator<String> {
        @Override
        public int compare(String a, String b) {
            return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        }
    }
}
