package io.portcullis.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns the path of a request, as it arrived, into the one canonical form that rules are matched
 * against, so that {@code /orders/../admin}, {@code //admin} and {@code /admin;x=y} cannot slip
 * past a rule written for {@code /admin}.
 *
 * <p>The rules, applied segment by segment (a segment is the text between two {@code /}):
 * <ol>
 *   <li>The path must start with {@code /}; a raw {@code ?} or {@code #} (the adapter passed a
 *       query or fragment along), a raw backslash, a control character or NUL is refused.</li>
 *   <li>Path parameters are removed from every segment: {@code /admin;jsessionid=1/list}
 *       becomes {@code /admin/list}. Only a raw {@code ;} starts them; {@code %3B} does not.</li>
 *   <li>Percent-encoded unreserved characters (RFC 3986 section 2.3: letters, digits,
 *       {@code - . _ ~}) are decoded: {@code %61dmin} is {@code admin}, {@code %2e%2e} is
 *       {@code ..}. Every other escape stays encoded, with upper-case hex digits
 *       ({@code %c3%a9} becomes {@code %C3%A9}).</li>
 *   <li>An encoded slash or backslash ({@code %2F}, {@code %5C}) or an encoded NUL
 *       ({@code %00}) is refused rather than kept opaque: servers disagree on whether
 *       {@code %2F} separates segments, and a rule must see the path as the router does.
 *       A {@code %} not followed by two hex digits is refused.</li>
 *   <li>Empty segments are dropped, which folds {@code //} into {@code /} and removes a trailing
 *       slash: {@code /orders/} is matched as {@code /orders}.</li>
 *   <li>{@code .} segments are dropped and {@code ..} removes the segment before it, as in RFC
 *       3986 section 5.2.4; {@code ..} at the root stays at the root.</li>
 * </ol>
 *
 * <p>Matching is case-sensitive, as RFC 3986 section 6.2.2.1 says paths are: {@code /ADMIN} does
 * not match a rule for {@code /admin}. On a server that routes case-insensitively, keep the
 * default of denying unmatched requests, so that such a path is refused rather than let through.
 *
 * <p>A refused path never throws from the engine: it is a deny decision with status 400 and
 * reason {@link DenyReason#BAD_PATH}.
 */
public final class PathNormalizer {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathNormalizer() {
    }

    /**
     * Returns the canonical form of {@code rawPath}.
     *
     * @throws IllegalArgumentException saying why the path cannot be normalised safely
     */
    public static String normalize(String rawPath) {
        Objects.requireNonNull(rawPath, "rawPath");
        Object outcome = attempt(rawPath);
        if (outcome instanceof String) {
            return (String) outcome;
        }
        throw new IllegalArgumentException(((Problem) outcome).message);
    }

    /** Why a path was refused. */
    enum Problem {
        NOT_ABSOLUTE("the path does not start with '/'"),
        QUERY_OR_FRAGMENT("the path contains a raw '?' or '#'"),
        BACKSLASH("the path contains a backslash"),
        CONTROL("the path contains a control character or NUL"),
        BAD_ESCAPE("the path contains '%' not followed by two hex digits"),
        ENCODED_SEPARATOR("the path contains an encoded '/' or '\\' (%2F or %5C)"),
        ENCODED_NUL("the path contains an encoded NUL (%00)");

        final String message;

        Problem(String message) {
            this.message = message;
        }
    }

    /** Returns the normalised path as a {@code String}, or the {@link Problem} that refused it. */
    static Object attempt(String raw) {
        if (raw.isEmpty() || raw.charAt(0) != '/') {
            return Problem.NOT_ABSOLUTE;
        }
        if (isCanonical(raw)) {
            return raw;
        }
        return normalizeSlowly(raw);
    }

    /**
     * Returns if {@code raw} is already canonical, which is the common case and costs one scan
     * and no allocation: no escape, parameter, backslash or control character, and no empty,
     * {@code .} or {@code ..} segment (any segment starting with a dot takes the slow path).
     */
    private static boolean isCanonical(String raw) {
        int length = raw.length();
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (c == '/') {
                if (i + 1 == length) {
                    return length == 1;
                }
                char next = raw.charAt(i + 1);
                if (next == '/' || next == '.') {
                    return false;
                }
            } else if (c == '%' || c == ';' || c == '\\' || c == '?' || c == '#'
                    || c < 0x20 || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static Object normalizeSlowly(String raw) {
        List<String> segments = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        int length = raw.length();
        int start = 1;
        while (start <= length) {
            int end = raw.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            segment.setLength(0);
            Problem problem = decodeSegment(raw, start, end, segment);
            if (problem != null) {
                return problem;
            }
            apply(segment, segments);
            start = end + 1;
        }
        return segments.isEmpty() ? "/" : "/" + String.join("/", segments);
    }

    private static void apply(StringBuilder segment, List<String> segments) {
        if (segment.length() == 0 || (segment.length() == 1 && segment.charAt(0) == '.')) {
            return;
        }
        if (segment.length() == 2 && segment.charAt(0) == '.' && segment.charAt(1) == '.') {
            if (!segments.isEmpty()) {
                segments.remove(segments.size() - 1);
            }
            return;
        }
        segments.add(segment.toString());
    }

    /** Appends the decoded segment {@code raw[start, end)} to {@code out}, parameters removed. */
    private static Problem decodeSegment(String raw, int start, int end, StringBuilder out) {
        boolean inParameters = false;
        for (int i = start; i < end; i++) {
            char c = raw.charAt(i);
            if (c == '?' || c == '#') {
                return Problem.QUERY_OR_FRAGMENT;
            } else if (c == '\\') {
                return Problem.BACKSLASH;
            } else if (c < 0x20 || c == 0x7F) {
                return Problem.CONTROL;
            } else if (c == ';') {
                inParameters = true;
            } else if (c == '%') {
                int value = i + 2 < end ? hexByte(raw.charAt(i + 1), raw.charAt(i + 2)) : -1;
                if (value < 0) {
                    return Problem.BAD_ESCAPE;
                }
                if (value == '/' || value == '\\') {
                    return Problem.ENCODED_SEPARATOR;
                }
                if (value == 0) {
                    return Problem.ENCODED_NUL;
                }
                if (!inParameters) {
                    appendEscape(value, out);
                }
                i += 2;
            } else if (!inParameters) {
                out.append(c);
            }
        }
        return null;
    }

    private static void appendEscape(int value, StringBuilder out) {
        if (isUnreserved(value)) {
            out.append((char) value);
        } else {
            out.append('%').append(HEX[value >> 4]).append(HEX[value & 0xF]);
        }
    }

    /** Returns if {@code c} is unreserved (RFC 3986 section 2.3). */
    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static int hexByte(char high, char low) {
        int h = hexDigit(high);
        int l = hexDigit(low);
        return h < 0 || l < 0 ? -1 : (h << 4) | l;
    }

    /** Returns the value of an ASCII hex digit; other digits (such as Arabic-Indic) are -1. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
