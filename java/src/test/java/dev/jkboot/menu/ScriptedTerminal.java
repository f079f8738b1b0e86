package dev.jkboot.menu;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalInt;

/**
 * A terminal on a virtual clock: keys arrive at given times, waiting advances the clock, and
 * everything written is kept. Fails the test when the menu waits long after the last key.
 */
final class ScriptedTerminal implements Terminal {
    private record Key(Duration at, int key) {}

    private final Deque<Key> keys = new ArrayDeque<>();
    private final StringBuilder output = new StringBuilder();
    private Duration now = Duration.ZERO;

    ScriptedTerminal key(Duration at, char key) {
        keys.add(new Key(at, key));
        return this;
    }

    /** Keys typed at once, right after the previous ones. */
    ScriptedTerminal type(String typed) {
        Duration at = keys.isEmpty() ? Duration.ZERO : keys.getLast().at();
        for (char c : typed.toCharArray()) {
            key(at, c);
        }
        return this;
    }

    @Override
    public OptionalInt readKey(Duration timeout) {
        Key next = keys.peek();
        if (next != null && next.at().compareTo(now.plus(timeout)) <= 0) {
            keys.remove();
            now = next.at().compareTo(now) > 0 ? next.at() : now;
            return OptionalInt.of(next.key());
        }
        if (next == null && timeout.compareTo(Duration.ofMinutes(1)) >= 0) {
            throw new AssertionError("the menu keeps waiting for a key after the last one; output:\n" + output);
        }
        now = now.plus(timeout);
        return OptionalInt.empty();
    }

    @Override
    public void write(String text) {
        output.append(text);
    }

    String output() {
        return output.toString();
    }

    Duration now() {
        return now;
    }
}
