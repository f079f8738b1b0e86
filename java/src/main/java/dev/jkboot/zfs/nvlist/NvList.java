package dev.jkboot.zfs.nvlist;

import dev.jkboot.zfs.ZfsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A decoded name-value list, as ZFS stores a pool's configuration: names mapped to a
 * {@link Long} (every integer type, widened), a {@link String}, a {@code byte[]}, a
 * {@code long[]}, a {@code List<String>}, a nested {@link NvList}, a {@code List<NvList>}, or
 * {@link Boolean#TRUE} for a value-less boolean. The typed getters refuse a value of the wrong
 * type with one message, so the callers never cast.
 */
public final class NvList {
    private final Map<String, Object> values;

    NvList(Map<String, Object> values) {
        this.values = new LinkedHashMap<>(values);
    }

    /** Built in code, for tests and writers. */
    public static NvList of(Map<String, Object> values) {
        return new NvList(values);
    }

    public Map<String, Object> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public Optional<Long> number(String name) throws ZfsException {
        return typed(name, Long.class);
    }

    public long requireNumber(String name) throws ZfsException {
        return require(name, number(name));
    }

    public Optional<String> string(String name) throws ZfsException {
        return typed(name, String.class);
    }

    public String requireString(String name) throws ZfsException {
        return require(name, string(name));
    }

    public Optional<NvList> list(String name) throws ZfsException {
        return typed(name, NvList.class);
    }

    public NvList requireList(String name) throws ZfsException {
        return require(name, list(name));
    }

    /** An array of nvlists (a vdev's {@code children}); empty when absent. */
    public List<NvList> lists(String name) throws ZfsException {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        List<NvList> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof NvList nv)) {
                    throw wrongType(name, "an nvlist array");
                }
                out.add(nv);
            }
            return out;
        }
        throw wrongType(name, "an nvlist array");
    }

    private <T> Optional<T> typed(String name, Class<T> type) throws ZfsException {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!type.isInstance(value)) {
            throw wrongType(name, type.getSimpleName());
        }
        return Optional.of(type.cast(value));
    }

    private static <T> T require(String name, Optional<T> value) throws ZfsException {
        return value.orElseThrow(() -> new ZfsException(
                "the pool configuration has no \"%s\"".formatted(name),
                "the label is damaged or was written by a ZFS jkboot does not know"));
    }

    private static ZfsException wrongType(String name, String expected) {
        return new ZfsException("the pool configuration's \"%s\" is not %s".formatted(name, expected),
                "the label is damaged or was written by a ZFS jkboot does not know");
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
