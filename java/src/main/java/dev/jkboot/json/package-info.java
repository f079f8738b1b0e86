/**
 * A tiny JSON value model and writer for jkboot's machine-readable output (no JSON library is
 * allowed). Objects keep their keys in insertion order, so output is deterministic.
 */
package dev.jkboot.json;
