package io.portcullis.policy.spi;

/**
 * A condition that does not compile; the loader turns it into a
 * {@link io.portcullis.policy.PolicyLoadException} at the condition's line in the policy file.
 */
public final class ConditionCompileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, without the position
     * @param line 1-based line within the expression, 0 when unknown
     * @param column 1-based column within that line of the expression, 0 when unknown
     */
    public ConditionCompileException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** Returns the 1-based line within the expression, 0 when unknown. */
    public int line() {
        return line;
    }

    /** Returns the 1-based column within that line of the expression, 0 when unknown. */
    public int column() {
        return column;
    }
}
