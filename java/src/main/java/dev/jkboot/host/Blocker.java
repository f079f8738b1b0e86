package dev.jkboot.host;

/** One reason the host cannot kexec right now: the cause, and the way out for the user. */
public record Blocker(String cause, String wayOut) {}
