package io.portcullis.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;

/**
 * The path inside the context that the container routes a request on, written in the encoded
 * form that core's path normaliser reads.
 *
 * <p>Security: the path is taken from {@link HttpServletRequest#getServletPath()} and {@link
 * HttpServletRequest#getPathInfo()}, which the container derives from the very mapping it
 * dispatches on, after its own decoding, path-parameter removal and dot-segment resolution
 * (Servlet 6.0 section 3.5.2). The raw {@link HttpServletRequest#getRequestURI()} is not used:
 * the container matches the context path on the decoded path, so {@code /%73hop/admin} is routed
 * into the context {@code /shop}, and a prefix taken off the raw URI would leave the policy
 * looking at another path than the servlet that answers.
 *
 * <p>The decoded path is encoded again, so that nothing is decoded twice: {@code %} becomes
 * {@code %25}, a {@code ;} that arrived as {@code %3B} stays {@code %3B} and never starts a path
 * parameter, a decoded backslash becomes {@code %5C}, which core refuses, and every other
 * character outside RFC 3986 {@code pchar} becomes its UTF-8 escapes.
 */
final class ContainerPath {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ContainerPath() {
    }

    /**
     * Returns the routed path, encoded; empty when the container cannot say it or left a
     * {@code .} or {@code ..} segment in it (an empty path is refused by core's first rule).
     */
    static String of(HttpServletRequest request) {
        String decoded;
        try {
            decoded = orEmpty(request.getServletPath()) + orEmpty(request.getPathInfo());
        } catch (RuntimeException e) {
            // Jetty, for one, throws for a URI it finds ambiguous when it was told to accept it.
            return "";
        }
        if (decoded.isEmpty()) {
            return "/";
        }
        // A container that routes on an unresolved dot segment would reach a servlet that core,
        // which resolves it, does not see: refuse rather than guess.
        return hasDotSegment(decoded) ? "" : encode(decoded);
    }

    /** Returns {@code decoded} with every byte outside {@code pchar} and {@code /} escaped. */
    static String encode(String decoded) {
        StringBuilder out = null;
        for (int i = 0; i < decoded.length(); i++) {
            if (!isKept(decoded.charAt(i))) {
                out = new StringBuilder(decoded.length() + 16).append(decoded, 0, i);
                appendEscaped(decoded.substring(i), out);
                break;
            }
        }
        return out == null ? decoded : out.toString();
    }

    private static void appendEscaped(String text, StringBuilder out) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int value = b & 0xFF;
            if (value < 0x80 && isKept((char) value)) {
                out.append((char) value);
            } else {
                out.append('%').append(HEX[value >> 4]).append(HEX[value & 0xF]);
            }
        }
    }

    /**
     * Returns if {@code c} stands for itself in an encoded path: {@code /} and RFC 3986 section
     * 3.3 {@code pchar} without {@code ;} and {@code %}.
     */
    private static boolean isKept(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "/-._~!$&'()*+,=:@".indexOf(c) >= 0;
    }

    private static boolean hasDotSegment(String path) {
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            int length = end - start;
            boolean dot = length == 1 && path.charAt(start) == '.';
            boolean dotDot = length == 2 && path.charAt(start) == '.'
                    && path.charAt(start + 1) == '.';
            if (dot || dotDot) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
