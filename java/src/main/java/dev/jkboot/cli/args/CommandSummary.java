package dev.jkboot.cli.args;

/** A subcommand as its parent's help lists it, without building the subcommand's own table. */
public record CommandSummary(String name, String summary) {}
