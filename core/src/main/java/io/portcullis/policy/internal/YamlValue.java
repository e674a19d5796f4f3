package io.portcullis.policy.internal;

import io.portcullis.policy.PolicyLoadException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;

/**
 * One value of a policy document with its position; every accessor checks the type and throws
 * a {@link PolicyLoadException} that names the line, never a {@code ClassCastException}.
 *
 * <p>{@code ${NAME:default}} is substituted in scalar values. A plain (unquoted) scalar is typed
 * after substitution, so {@code public: ${OPEN:false}} is a boolean; a quoted one stays a string.
 */
public final class YamlValue {

    private static final CoreScalarResolver RESOLVER = new CoreScalarResolver(false);
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

    /** What kind of scalar a value is once substituted and resolved. */
    enum ScalarKind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    private final YamlTree tree;
    private final Node node;
    private String text;
    private ScalarKind kind;

    YamlValue(YamlTree tree, Node node) {
        this.tree = tree;
        this.node = node;
    }

    /** Returns the 1-based line where this value starts. */
    public int line() {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** Returns the 1-based column where this value starts. */
    public int column() {
        return node.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
    }

    /** Returns the name of the document this value came from. */
    public String sourceName() {
        return tree.sourceName();
    }

    /** Returns an exception for a problem with this value, placed at its position. */
    public PolicyLoadException error(String problem) {
        return new PolicyLoadException(tree.sourceName(), line(), column(), problem);
    }

    /** Returns if this value is a mapping. */
    public boolean isMap() {
        return node instanceof MappingNode;
    }

    /** Returns if this value is a sequence. */
    public boolean isList() {
        return node instanceof SequenceNode;
    }

    /** Returns if this value is a scalar (null included). */
    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** Returns if this value is an explicit or empty null. */
    public boolean isNull() throws PolicyLoadException {
        return isScalar() && scalarKind() == ScalarKind.NULL;
    }

    /** Returns if this value is the boolean {@code true} or {@code false}. */
    public boolean isBoolean() throws PolicyLoadException {
        return isScalar() && scalarKind() == ScalarKind.BOOLEAN;
    }

    /** Returns this value as a mapping; {@code what} names it in the error message. */
    public YamlMap asMap(String what) throws PolicyLoadException {
        if (node instanceof MappingNode) {
            return new YamlMap(this, (MappingNode) node, tree);
        }
        throw error(what + " must be a mapping (key: value), not " + describe());
    }

    /** Returns this value as a sequence. */
    public List<YamlValue> asList(String what) throws PolicyLoadException {
        if (node instanceof SequenceNode) {
            List<YamlValue> items = new ArrayList<>();
            for (Node item : ((SequenceNode) node).getValue()) {
                items.add(new YamlValue(tree, item));
            }
            return items;
        }
        throw error(what + " must be a list, not " + describe());
    }

    /** Returns this value as a sequence, reading a single scalar as a list of one. */
    public List<YamlValue> asListOrSingle(String what) throws PolicyLoadException {
        if (node instanceof ScalarNode) {
            return List.of(this);
        }
        return asList(what);
    }

    /** Returns a list of non-empty strings, reading a single scalar as a list of one. */
    public List<String> asStringList(String what) throws PolicyLoadException {
        List<String> strings = new ArrayList<>();
        for (YamlValue item : asListOrSingle(what)) {
            strings.add(item.asString(what));
        }
        return strings;
    }

    /**
     * Returns this scalar as a non-empty string; numbers are accepted as their text (a role may
     * be called {@code 2fa} or {@code 42}), booleans and null are not.
     */
    public String asString(String what) throws PolicyLoadException {
        ScalarKind k = scalarOrFail(what, "a string");
        if (k == ScalarKind.BOOLEAN || k == ScalarKind.NULL) {
            throw error(what + " must be a string, not " + describe()
                    + (k == ScalarKind.BOOLEAN ? " (quote it to use the word as text)" : ""));
        }
        if (text.isEmpty()) {
            throw error(what + " must not be empty");
        }
        return text;
    }

    /** Returns this scalar as a boolean ({@code true} or {@code false}). */
    public boolean asBoolean(String what) throws PolicyLoadException {
        if (scalarOrFail(what, "true or false") != ScalarKind.BOOLEAN) {
            throw error(what + " must be true or false, not " + describe());
        }
        return text.toLowerCase(Locale.ROOT).equals("true");
    }

    /** Returns this scalar as a decimal integer. */
    public long asLong(String what) throws PolicyLoadException {
        if (scalarOrFail(what, "an integer") != ScalarKind.INTEGER) {
            throw error(what + " must be an integer, not " + describe());
        }
        try {
            return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            throw error(what + " must be a decimal integer within 64 bits, not " + text);
        }
    }

    /**
     * Returns this scalar as the JSON value it stands for: {@code String}, {@code Long},
     * {@code Double} or {@code Boolean}; null is refused.
     */
    public Object asJsonScalar(String what) throws PolicyLoadException {
        ScalarKind k = scalarOrFail(what, "a string, number or boolean");
        switch (k) {
            case STRING:
                return text;
            case INTEGER:
                return asLong(what);
            case FLOAT:
                try {
                    return Double.valueOf(text);
                } catch (NumberFormatException e) {
                    throw error(what + " must be a finite decimal number, not " + text);
                }
            case BOOLEAN:
                return asBoolean(what);
            default:
                throw error(what + " must be a string, number or boolean, not null");
        }
    }

    /**
     * Returns this value as a JSON value: scalars as in {@link #asJsonScalar}, null as
     * {@code null}, sequences as lists and mappings as maps, at most {@code depth} levels deep.
     */
    public Object asJson(String what, int depth) throws PolicyLoadException {
        if (depth <= 0) {
            throw error(what + " nests too deeply");
        }
        if (isMap()) {
            var out = new java.util.LinkedHashMap<String, Object>();
            for (YamlMap.Entry e : asMap(what).entries()) {
                Object v = e.value().asJson(what + "." + e.key(), depth - 1);
                if (v != null) {
                    out.put(e.key(), v);
                }
            }
            return java.util.Collections.unmodifiableMap(out);
        }
        if (isList()) {
            List<Object> out = new ArrayList<>();
            for (YamlValue item : asList(what)) {
                Object v = item.asJson(what, depth - 1);
                if (v == null) {
                    throw item.error(what + " must not contain null");
                }
                out.add(v);
            }
            return List.copyOf(out);
        }
        return isNull() ? null : asJsonScalar(what);
    }

    /**
     * Returns a duration written as {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, an ISO-8601
     * duration ({@code PT30S}) or a whole number of seconds.
     */
    public Duration asDuration(String what) throws PolicyLoadException {
        ScalarKind k = scalarOrFail(what, "a duration");
        if (k == ScalarKind.INTEGER) {
            return Duration.ofSeconds(asLong(what));
        }
        String t = text.trim();
        Matcher m = SHORT_DURATION.matcher(t);
        try {
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "ms":
                        return Duration.ofMillis(amount);
                    case "s":
                        return Duration.ofSeconds(amount);
                    case "m":
                        return Duration.ofMinutes(amount);
                    default:
                        return Duration.ofHours(amount);
                }
            }
            if (t.startsWith("P") || t.startsWith("p")) {
                return Duration.parse(t);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // reported below
        }
        throw error(what + " must be a duration such as 30s, 500ms, 2m or PT30S, not '" + t + "'");
    }

    /**
     * Returns the 1-based line where the text of this scalar starts: the next line for a block
     * scalar ({@code |} or {@code >}), else the line of the value.
     */
    public int contentLine() {
        return isBlockScalar() ? line() + 1 : line();
    }

    /**
     * Returns the 1-based column where the text of this scalar starts: after the opening quote
     * of a quoted scalar, at the indentation of the first line of a block scalar.
     */
    public int contentColumn() {
        if (!(node instanceof ScalarNode)) {
            return column();
        }
        ScalarStyle style = ((ScalarNode) node).getScalarStyle();
        if (style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED) {
            return column() + 1;
        }
        if (isBlockScalar()) {
            return node.getStartMark().map(YamlValue::blockIndent).orElse(1);
        }
        return column();
    }

    /** Returns if this is a literal ({@code |}) block scalar, whose line breaks are kept. */
    public boolean isLiteralBlock() {
        return node instanceof ScalarNode
                && ((ScalarNode) node).getScalarStyle() == ScalarStyle.LITERAL;
    }

    private boolean isBlockScalar() {
        if (!(node instanceof ScalarNode)) {
            return false;
        }
        ScalarStyle style = ((ScalarNode) node).getScalarStyle();
        return style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED;
    }

    private static int blockIndent(Mark mark) {
        int[] buffer = mark.getBuffer();
        int i = mark.getIndex();
        while (i < buffer.length && buffer[i] != '\n') {
            i++;
        }
        int indent = 0;
        for (i++; i < buffer.length && buffer[i] == ' '; i++) {
            indent++;
        }
        return indent + 1;
    }

    private ScalarKind scalarOrFail(String what, String expected) throws PolicyLoadException {
        if (!(node instanceof ScalarNode)) {
            throw error(what + " must be " + expected + ", not " + describe());
        }
        return scalarKind();
    }

    private ScalarKind scalarKind() throws PolicyLoadException {
        if (kind != null) {
            return kind;
        }
        ScalarNode scalar = (ScalarNode) node;
        String raw = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            text = tree.substitution().apply(raw);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        if (scalar.isPlain() && Substitution.applies(raw)) {
            tag = RESOLVER.resolve(text, true);
        }
        kind = kindOf(tag);
        return kind;
    }

    private ScalarKind kindOf(Tag tag) throws PolicyLoadException {
        if (Tag.STR.equals(tag)) {
            return ScalarKind.STRING;
        } else if (Tag.INT.equals(tag)) {
            return ScalarKind.INTEGER;
        } else if (Tag.FLOAT.equals(tag)) {
            return ScalarKind.FLOAT;
        } else if (Tag.BOOL.equals(tag)) {
            return ScalarKind.BOOLEAN;
        } else if (Tag.NULL.equals(tag)) {
            return ScalarKind.NULL;
        }
        throw error("the YAML tag " + tag + " is not supported here");
    }

    /** Describes this value for an error message: "a list", "the string 'x'", and so on. */
    String describe() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarKind k;
        try {
            k = scalarKind();
        } catch (PolicyLoadException e) {
            return "a scalar";
        }
        switch (k) {
            case NULL:
                return "null (an empty value)";
            case BOOLEAN:
                return "the boolean " + text;
            case INTEGER:
            case FLOAT:
                return "the number " + text;
            default:
                return "the string '" + text + "'";
        }
    }

    Optional<String> keyText() {
        return node instanceof ScalarNode
                ? Optional.of(((ScalarNode) node).getValue()) : Optional.empty();
    }
}
