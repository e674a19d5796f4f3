package io.portcullis.policy.internal;

import io.portcullis.policy.PolicyLoadException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * A mapping of a policy document, read strictly: duplicate keys are errors, and
 * {@link #allowOnly} turns a key nobody expects (a typo such as {@code requires:}) into an error
 * at its line instead of silently ignoring it.
 */
public final class YamlMap {

    /** One key and its value, with the key's own position. */
    public static final class Entry {
        private final String key;
        private final YamlValue keyNode;
        private final YamlValue value;

        Entry(String key, YamlValue keyNode, YamlValue value) {
            this.key = key;
            this.keyNode = keyNode;
            this.value = value;
        }

        /** Returns the key. */
        public String key() {
            return key;
        }

        /** Returns the key as a value, for errors placed at the key. */
        public YamlValue keyNode() {
            return keyNode;
        }

        /** Returns the value. */
        public YamlValue value() {
            return value;
        }
    }

    private final YamlValue self;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    YamlMap(YamlValue self, MappingNode node, YamlTree tree) throws PolicyLoadException {
        this.self = self;
        for (NodeTuple tuple : node.getValue()) {
            YamlValue keyNode = new YamlValue(tree, tuple.getKeyNode());
            Optional<String> key = keyNode.keyText();
            if (key.isEmpty()) {
                throw keyNode.error("a key must be a plain word, not " + keyNode.describe());
            }
            Entry previous = entries.get(key.get());
            if (previous != null) {
                throw keyNode.error("duplicate key '" + key.get() + "' (first given at line "
                        + previous.keyNode().line() + ")");
            }
            YamlValue value = new YamlValue(tree, tuple.getValueNode());
            entries.put(key.get(), new Entry(key.get(), keyNode, value));
        }
    }

    /** Returns the mapping as a value, for errors placed at the mapping. */
    public YamlValue self() {
        return self;
    }

    /**
     * Fails on the first key that is not in {@code allowed}, suggesting the closest allowed key.
     *
     * @param where names the mapping in the message, e.g. "rule 'orders'"
     */
    public YamlMap allowOnly(String where, Set<String> allowed) throws PolicyLoadException {
        for (Entry e : entries.values()) {
            if (!allowed.contains(e.key())) {
                String hint = Suggestions.closest(e.key(), allowed)
                        .map(s -> "; did you mean '" + s + "'?")
                        .orElse("; expected one of " + Suggestions.sorted(allowed));
                throw e.keyNode().error("unknown key '" + e.key() + "' in " + where + hint);
            }
        }
        return this;
    }

    /** Returns the value of {@code key}; empty when absent. A null value counts as absent. */
    public Optional<YamlValue> get(String key) throws PolicyLoadException {
        Entry e = entries.get(key);
        if (e == null || e.value().isNull()) {
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    /** Returns the value of {@code key}, failing at the mapping when it is absent or null. */
    public YamlValue require(String key, String where) throws PolicyLoadException {
        Optional<YamlValue> value = get(key);
        if (value.isEmpty()) {
            throw self.error(where + " needs '" + key + "'");
        }
        return value.get();
    }

    /** Returns the entries in document order. */
    public Collection<Entry> entries() {
        return entries.values();
    }

    /** Returns if the mapping has no keys. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
