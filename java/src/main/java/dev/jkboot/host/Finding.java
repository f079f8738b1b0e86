package dev.jkboot.host;

import java.util.Optional;

/**
 * One part of the host description: either the value a reader produced, or why it could not (the
 * host file and the reason). Lets a probe describe a half-readable host instead of stopping at the
 * first missing file, while a boot can still insist on the parts it needs with {@link #orElseThrow}.
 */
public sealed interface Finding<T> permits Finding.Found, Finding.NotAvailable {

    /** A reader of one part of the host; fails only with {@link HostException}. */
    @FunctionalInterface
    interface Reader<T> {
        T read() throws HostException;
    }

    /** A step that derives one part from another, failing only with {@link HostException}. */
    @FunctionalInterface
    interface Step<T, R> {
        R apply(T value) throws HostException;
    }

    record Found<T>(T value) implements Finding<T> {
        public Found {
            if (value == null) {
                throw new IllegalArgumentException("a found value cannot be null");
            }
        }
    }

    /** {@code path} is the host file that could not be read, empty when none applies. */
    record NotAvailable<T>(String path, String reason, String fix) implements Finding<T> {
        /** "not available: PATH: REASON", as reports print it. */
        public String describe() {
            return "not available: " + (path.isEmpty() ? "" : path + ": ") + reason;
        }
    }

    /** Runs {@code reader}, keeping its refusal as a finding instead of an exception. */
    static <T> Finding<T> of(Reader<T> reader) {
        try {
            return new Found<>(reader.read());
        } catch (HostException e) {
            return notAvailable(e);
        }
    }

    static <T> Finding<T> notAvailable(HostException e) {
        return new NotAvailable<>(e.path(), e.reason(), e.fix());
    }

    /** Derives a further part; a missing input stays missing with its own reason. */
    default <R> Finding<R> then(Step<T, R> step) {
        if (this instanceof Found<T> found) {
            try {
                return new Found<>(step.apply(found.value()));
            } catch (HostException e) {
                return notAvailable(e);
            }
        }
        NotAvailable<T> missing = (NotAvailable<T>) this;
        return new NotAvailable<>(missing.path(), missing.reason(), missing.fix());
    }

    default Optional<T> optional() {
        return this instanceof Found<T> found ? Optional.of(found.value()) : Optional.empty();
    }

    /** The value, or the original refusal as a {@link HostException} for a boot that needs it. */
    default T orElseThrow() throws HostException {
        if (this instanceof Found<T> found) {
            return found.value();
        }
        NotAvailable<T> missing = (NotAvailable<T>) this;
        throw new HostException(missing.path(), missing.reason(), missing.fix());
    }
}
