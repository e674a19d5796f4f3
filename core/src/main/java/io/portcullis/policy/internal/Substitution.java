package io.portcullis.policy.internal;

import java.util.Objects;
import java.util.function.Function;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:default}} in a policy value with the value of the
 * environment variable {@code NAME}, so that one file serves every stage.
 *
 * <p>Rules: a name is {@code [A-Za-z_][A-Za-z0-9_]*}; the default is everything after the first
 * {@code :} up to the closing brace (so it may itself contain colons, as URLs do); a variable that
 * is unset or empty takes the default; {@code $${} writes a literal {@code ${}. The replacement
 * is inserted once and never scanned again, so a variable's value cannot pull in other variables.
 */
public final class Substitution {

    private final Function<String, String> environment;

    /** Creates a substitution that looks names up with {@code environment} (null for unset). */
    public Substitution(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Returns if {@code text} contains anything this substitution would change. */
    public static boolean applies(String text) {
        return text.indexOf("${") >= 0;
    }

    /**
     * Returns {@code text} with every reference replaced.
     *
     * @throws IllegalArgumentException naming the problem: an unterminated reference, a bad name,
     *     or an unset variable without a default
     */
    public String apply(String text) {
        if (!applies(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            if (start > 0 && text.charAt(start - 1) == '$') {
                out.append(text, i, start - 1).append("${");
                i = start + 2;
                continue;
            }
            out.append(text, i, start);
            int end = text.indexOf('}', start + 2);
            if (end < 0) {
                throw new IllegalArgumentException(
                        "'${' at offset " + start + " has no closing '}'");
            }
            out.append(resolve(text.substring(start + 2, end)));
            i = end + 1;
        }
        return out.toString();
    }

    private String resolve(String reference) {
        int colon = reference.indexOf(':');
        String name = colon < 0 ? reference : reference.substring(0, colon);
        if (!isName(name)) {
            throw new IllegalArgumentException("'${" + reference + "}' does not start with a"
                    + " variable name ([A-Za-z_][A-Za-z0-9_]*)");
        }
        String value = environment.apply(name);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        if (colon < 0) {
            throw new IllegalArgumentException("environment variable " + name
                    + " is not set and '${" + name + "}' gives no default"
                    + " (write ${" + name + ":default})");
        }
        return reference.substring(colon + 1);
    }

    private static boolean isName(String name) {
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
}
