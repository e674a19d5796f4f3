package io.portcullis.policy;

import java.util.Objects;

/**
 * A policy file (or a policy-cases file) that cannot be used: it does not parse, names an unknown
 * key, has a value of the wrong type, or describes a rule that cannot be compiled.
 *
 * <p>The message names the source, the line and column (both counted from 1) and what is wrong,
 * in the form {@code orders.yaml:12:5: unknown key 'requires'}. A policy is never half-loaded: a
 * load either yields a complete {@link Policy} or throws this exception.
 */
public final class PolicyLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * Creates the exception; {@code line} and {@code column} are 1-based, 0 when unknown (for
     * example when the source could not be read at all).
     */
    public PolicyLoadException(String sourceName, int line, int column, String problem) {
        this(sourceName, line, column, problem, null);
    }

    /** Creates the exception with the failure that caused it. */
    public PolicyLoadException(
            String sourceName, int line, int column, String problem, Throwable cause) {
        super(format(sourceName, line, column, problem), cause);
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.line = line;
        this.column = column;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    private static String format(String sourceName, int line, int column, String problem) {
        if (line <= 0) {
            return sourceName + ": " + problem;
        }
        if (column <= 0) {
            return sourceName + ":" + line + ": " + problem;
        }
        return sourceName + ":" + line + ":" + column + ": " + problem;
    }

    /** Returns the name of the file, resource or URL the policy came from. */
    public String sourceName() {
        return sourceName;
    }

    /** Returns the 1-based line of the problem, 0 when it has no position. */
    public int line() {
        return line;
    }

    /** Returns the 1-based column of the problem, 0 when it has no position. */
    public int column() {
        return column;
    }

    /** Returns what is wrong, without the position. */
    public String problem() {
        return problem;
    }
}
