package io.portcullis.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the first rule that matches a request without trying every rule. Path patterns are
 * kept in a tree by their literal prefix, the literal segments before the first wildcard
 * ({@code /api/orders/v1/{id}} under {@code api}, {@code orders}, {@code v1}; {@code /**} at the
 * root). A pattern can only match a path that starts with its literal prefix, so a request is
 * tried only against the patterns of the nodes its own segments lead to, from the root down.
 * Each node keeps its patterns in file order, and the match with the lowest position in the
 * file wins, so that the first matching rule still decides, as if every rule had been tried in
 * order.
 */
final class RuleIndex {

    /** One path pattern of one rule, with its position in the order of the file. */
    static final class Entry {
        final int order;
        final CompiledRule rule;
        final PathPattern pattern;

        Entry(int order, CompiledRule rule, PathPattern pattern) {
            this.order = order;
            this.rule = rule;
            this.pattern = pattern;
        }
    }

    private static final Entry[] NONE = new Entry[0];

    private final Node root;

    RuleIndex(List<CompiledRule> rules) {
        Builder tree = new Builder();
        int order = 0;
        for (CompiledRule rule : rules) {
            for (PathPattern pattern : rule.patterns()) {
                tree.add(new Entry(order++, rule, pattern), pattern.literalPrefix());
            }
        }
        this.root = tree.build();
    }

    /** Returns the first entry, in file order, whose rule takes {@code method} and matches. */
    Entry find(String method, PathSegments path) {
        Entry best = null;
        Node node = root;
        int depth = 0;
        while (true) {
            Entry found = node.first(method, path, best == null ? Integer.MAX_VALUE : best.order);
            if (found != null) {
                best = found;
            }
            if (depth == path.count()) {
                return best;
            }
            node = node.child(path, depth++);
            if (node == null) {
                return best;
            }
        }
    }

    /**
     * The patterns whose literal prefix ends here, and the nodes one literal segment deeper in
     * an open-addressing table by the segment's {@code String} hash code, so that a lookup
     * compares a region of the path and creates no substring.
     */
    private static final class Node {
        private final Entry[] entries; // in file order
        private final String[] segments;
        private final Node[] children;
        private final int mask;

        Node(Entry[] entries, Map<String, Node> children) {
            this.entries = entries;
            int capacity = children.isEmpty() ? 1
                    : Integer.highestOneBit(children.size() * 2) * 2; // load factor <= 1/2
            this.segments = new String[capacity];
            this.children = new Node[capacity];
            this.mask = capacity - 1;
            children.forEach((segment, child) -> {
                int slot = segment.hashCode() & mask;
                while (segments[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                segments[slot] = segment;
                this.children[slot] = child;
            });
        }

        /** Returns the first matching entry placed before {@code before}, or null. */
        Entry first(String method, PathSegments path, int before) {
            for (Entry entry : entries) {
                if (entry.order >= before) {
                    return null;
                }
                if (entry.rule.matchesMethod(method) && entry.pattern.matches(path)) {
                    return entry;
                }
            }
            return null;
        }

        /** Returns the node for the path's segment at {@code index}, or null. */
        Node child(PathSegments path, int index) {
            int slot = path.segmentHash(index) & mask;
            while (segments[slot] != null) {
                if (path.segmentEquals(index, segments[slot])) {
                    return children[slot];
                }
                slot = (slot + 1) & mask;
            }
            return null;
        }
    }

    /** Collects the entries by literal prefix, then freezes them into nodes. */
    private static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private final Map<String, Builder> children = new LinkedHashMap<>();

        void add(Entry entry, List<String> prefix) {
            Builder node = this;
            for (String segment : prefix) {
                node = node.children.computeIfAbsent(segment, s -> new Builder());
            }
            node.entries.add(entry);
        }

        Node build() {
            Map<String, Node> built = new LinkedHashMap<>();
            children.forEach((segment, child) -> built.put(segment, child.build()));
            return new Node(entries.isEmpty() ? NONE : entries.toArray(NONE), built);
        }
    }
}
