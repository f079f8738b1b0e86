package dev.jkboot.json;

import java.util.ArrayList;
import java.util.List;

/** A JSON value. Numbers are integers only: jkboot prints sizes and counts, never fractions. */
public sealed interface Json permits Json.Str, Json.Num, Json.Bool, Json.Null, Json.Arr, Json.Obj {

    record Str(String value) implements Json {}

    record Num(long value) implements Json {}

    record Bool(boolean value) implements Json {}

    enum Null implements Json { NULL }

    record Arr(List<Json> items) implements Json {
        public Arr {
            items = List.copyOf(items);
        }
    }

    /** One key of an object with its value. */
    record Member(String key, Json value) {}

    record Obj(List<Member> members) implements Json {
        public Obj {
            members = List.copyOf(members);
            for (int i = 0; i < members.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (members.get(i).key().equals(members.get(j).key())) {
                        throw new IllegalArgumentException("duplicate JSON key " + members.get(i).key());
                    }
                }
            }
        }
    }

    static Json of(String value) {
        return new Str(value);
    }

    static Json of(long value) {
        return new Num(value);
    }

    static Json of(boolean value) {
        return new Bool(value);
    }

    /** An address: a string "0x…" in lowercase hex, so 64-bit values survive any JSON reader. */
    static Json hex(long address) {
        return new Str("0x" + Long.toHexString(address));
    }

    static Json array(List<? extends Json> items) {
        return new Arr(new ArrayList<>(items));
    }

    static Json strings(List<String> values) {
        return array(values.stream().map(Json::of).toList());
    }

    static ObjectBuilder object() {
        return new ObjectBuilder();
    }

    /** Builds an object key by key, in the order the keys should appear. */
    final class ObjectBuilder {
        private final List<Member> members = new ArrayList<>();

        private ObjectBuilder() {}

        public ObjectBuilder put(String key, Json value) {
            members.add(new Member(key, value));
            return this;
        }

        public ObjectBuilder put(String key, String value) {
            return put(key, of(value));
        }

        public ObjectBuilder put(String key, long value) {
            return put(key, of(value));
        }

        public ObjectBuilder put(String key, boolean value) {
            return put(key, of(value));
        }

        public Obj build() {
            return new Obj(members);
        }
    }
}
