package dev.jkboot.cli.args;

/**
 * The words of a command line that are not options (picocli's positional parameters), each handed
 * to {@code sink} in order under the name {@code label}; a word the sink refuses is an
 * {@link IllegalArgumentException} whose message becomes the usage error.
 *
 * @param label how help names them ({@code WORDS})
 */
public record Words(String label, String description, Option.Setter sink) {}
