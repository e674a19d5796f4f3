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

    private final Map<String, Entry[]> byFirstSegment;
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
        this.byFirstSegment = new HashMap<>();
        literal.forEach((first, entries) -> byFirstSegment.put(first, entries.toArray(NONE)));
        this.wildcards = wildcard.toArray(NONE);
    }

    /** Returns the first entry whose rule takes {@code method} and whose pattern matches. */
    Entry find(String method, PathSegments path) {
        Entry[] literal = byFirstSegment.getOrDefault(path.first(), NONE);
        int i = 0;
        int j = 0;
        while (i < literal.length || j < wildcards.length) {
            Entry next;
            if (j >= wildcards.length || (i < literal.length && literal[i].order < wildcards[j].order)) {
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
