package io.portcullis.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the first rule that matches a request without trying every rule: the path patterns are
 * indexed by their literal first segment, and a request is tried only against the patterns of
 * its own first segment and the patterns that start with a wildcard, merged in rule order so
 * that the first match in the file still decides.
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

    private final String[] firstSegments; // open addressing, by String hash code
    private final Entry[][] byFirstSegment;
    private final int mask;
    private final Entry[] wildcards;

    RuleIndex(List<CompiledRule> rules) {
        Map<String, List<Entry>> literal = new HashMap<>();
        List<Entry> wildcard = new ArrayList<>();
        int order = 0;
        for (CompiledRule rule : rules) {
            for (PathPattern pattern : rule.patterns()) {
                Entry entry = new Entry(order++, rule, pattern);
                String first = pattern.firstLiteral();
                if (first == null) {
                    wildcard.add(entry);
                } else {
                    literal.computeIfAbsent(first, k -> new ArrayList<>()).add(entry);
                }
            }
        }
        int capacity = Integer.highestOneBit(Math.max(literal.size(), 1) * 2) * 2; // load <= 1/2
        this.firstSegments = new String[capacity];
        this.byFirstSegment = new Entry[capacity][];
        this.mask = capacity - 1;
        literal.forEach((first, entries) -> {
            int slot = first.hashCode() & mask;
            while (firstSegments[slot] != null) {
                slot = (slot + 1) & mask;
            }
            firstSegments[slot] = first;
            byFirstSegment[slot] = entries.toArray(NONE);
        });
        this.wildcards = wildcard.toArray(NONE);
    }

    /** Returns the entries whose first segment is the path's, comparing regions of the path. */
    private Entry[] literalEntries(PathSegments path) {
        int slot = path.firstHash() & mask;
        while (firstSegments[slot] != null) {
            if (path.firstEquals(firstSegments[slot])) {
                return byFirstSegment[slot];
            }
            slot = (slot + 1) & mask;
        }
        return NONE;
    }

    /** Returns the first entry whose rule takes {@code method} and whose pattern matches. */
    Entry find(String method, PathSegments path) {
        Entry[] literal = literalEntries(path);
        int i = 0;
        int j = 0;
        while (i < literal.length || j < wildcards.length) {
            Entry next;
            boolean literalFirst = j >= wildcards.length
                    || (i < literal.length && literal[i].order < wildcards[j].order);
            if (literalFirst) {
                next = literal[i++];
            } else {
                next = wildcards[j++];
            }
            if (next.rule.matchesMethod(method) && next.pattern.matches(path)) {
                return next;
            }
        }
        return null;
    }
}
