package io.portcullis.policy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled path pattern of a rule: literal segments, {@code *} (exactly one segment),
 * {@code {name}} (exactly one segment, captured as a path variable) and at most one {@code **}
 * (any number of segments, none included).
 *
 * <p>Patterns are checked when the policy loads: they start with {@code /}, have no empty
 * segment or trailing slash (paths are matched without one), no {@code .} or {@code ..} segment
 * and none of {@code % ; \ ? #}, because the path they are matched against is normalised and
 * such a literal could never match. A segment is either a wildcard or a literal: {@code *.pdf}
 * and {@code {id}.json} are refused.
 */
final class PathPattern {

    private enum Kind { LITERAL, STAR, VARIABLE, ANY_DEPTH }

    private final String text;
    private final Kind[] kinds;
    private final String[] values; // the literal or the variable name
    private final int anyDepth; // index of the ** segment, -1 without one
    private final boolean hasVariables;

    private PathPattern(String text, Kind[] kinds, String[] values, int anyDepth) {
        this.text = text;
        this.kinds = kinds;
        this.values = values;
        this.anyDepth = anyDepth;
        boolean variables = false;
        for (Kind k : kinds) {
            variables |= k == Kind.VARIABLE;
        }
        this.hasVariables = variables;
    }

    /**
     * Compiles {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong with the pattern
     */
    static PathPattern compile(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("must start with '/'");
        }
        if (text.equals("/")) {
            return new PathPattern(text, new Kind[0], new String[0], -1);
        }
        if (text.endsWith("/")) {
            throw new IllegalArgumentException("must not end with '/' (a trailing slash is"
                    + " ignored when paths are matched, so /orders/ is written /orders)");
        }
        String[] parts = text.substring(1).split("/", -1);
        Kind[] kinds = new Kind[parts.length];
        String[] values = new String[parts.length];
        Set<String> names = new HashSet<>();
        int anyDepth = -1;
        for (int i = 0; i < parts.length; i++) {
            kinds[i] = kindOf(parts[i], names);
            values[i] = kinds[i] == Kind.VARIABLE
                    ? parts[i].substring(1, parts[i].length() - 1) : parts[i];
            if (kinds[i] == Kind.ANY_DEPTH) {
                if (anyDepth >= 0) {
                    throw new IllegalArgumentException("may contain '**' only once");
                }
                anyDepth = i;
            }
        }
        return new PathPattern(text, kinds, values, anyDepth);
    }

    private static Kind kindOf(String part, Set<String> names) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("has an empty segment ('//')");
        }
        if (part.equals("**")) {
            return Kind.ANY_DEPTH;
        }
        if (part.equals("*")) {
            return Kind.STAR;
        }
        if (part.startsWith("{") && part.endsWith("}")) {
            String name = part.substring(1, part.length() - 1);
            if (!isVariableName(name)) {
                throw new IllegalArgumentException("'" + part + "': a path variable is named"
                        + " with letters, digits and '_', starting with a letter or '_'");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("names the path variable '" + name
                        + "' twice");
            }
            return Kind.VARIABLE;
        }
        if (part.equals(".") || part.equals("..")) {
            throw new IllegalArgumentException("has a '" + part + "' segment, which a"
                    + " normalised path never has");
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if ("*{}%;\\?#".indexOf(c) >= 0 || c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("segment '" + part + "' contains '" + c
                        + "': a segment is a literal, '*', '**' or '{name}'");
            }
        }
        return Kind.LITERAL;
    }

    private static boolean isVariableName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** Returns the pattern as written. */
    String text() {
        return text;
    }

    /**
     * Returns the literal segments every matching path starts with: those before the first
     * {@code *}, {@code {name}} or {@code **} (all of them when there is none; none for the
     * pattern {@code /}). A path that matches has them at the same positions.
     */
    List<String> literalPrefix() {
        int n = 0;
        while (n < kinds.length && kinds[n] == Kind.LITERAL) {
            n++;
        }
        return List.of(values).subList(0, n);
    }

    /** Returns if {@code path} matches; allocates nothing. */
    boolean matches(PathSegments path) {
        int n = kinds.length;
        int count = path.count();
        if (anyDepth < 0) {
            if (count != n) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (!segmentMatches(i, path, i)) {
                    return false;
                }
            }
            return true;
        }
        if (count < n - 1) {
            return false;
        }
        for (int i = 0; i < anyDepth; i++) {
            if (!segmentMatches(i, path, i)) {
                return false;
            }
        }
        for (int i = anyDepth + 1; i < n; i++) {
            if (!segmentMatches(i, path, count - (n - i))) {
                return false;
            }
        }
        return true;
    }

    private boolean segmentMatches(int patternIndex, PathSegments path, int pathIndex) {
        return kinds[patternIndex] != Kind.LITERAL
                || path.segmentEquals(pathIndex, values[patternIndex]);
    }

    /**
     * Returns the path variables of a path that {@link #matches}, percent-decoded as UTF-8 (an
     * escape that is not valid UTF-8 is kept as written).
     */
    Map<String, String> variables(PathSegments path) {
        if (!hasVariables) {
            return Map.of();
        }
        int n = kinds.length;
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (kinds[i] == Kind.VARIABLE) {
                int pathIndex = anyDepth >= 0 && i > anyDepth ? path.count() - (n - i) : i;
                variables.put(values[i], decode(path.segment(pathIndex)));
            }
        }
        return Collections.unmodifiableMap(variables);
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        StringBuilder out = new StringBuilder(segment.length());
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        int i = 0;
        while (i < segment.length()) {
            if (segment.charAt(i) != '%' || i + 2 >= segment.length()) {
                out.append(segment.charAt(i++));
                continue;
            }
            int runStart = i;
            run.reset();
            while (i + 2 < segment.length() && segment.charAt(i) == '%') {
                run.write(Integer.parseInt(segment, i + 1, i + 3, 16));
                i += 3;
            }
            out.append(decodeUtf8(run.toByteArray(), segment.substring(runStart, i)));
        }
        return out.toString();
    }

    private static String decodeUtf8(byte[] bytes, String asWritten) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return asWritten;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
