package io.portcullis.policy.spi;

/**
 * Compiles the {@code condition} of a rule when the policy loads.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (register them in
 * {@code META-INF/services/io.portcullis.policy.spi.ConditionLanguage}) and must have a public
 * no-argument constructor. They must be thread-safe; so must the conditions they compile, which
 * are evaluated concurrently by every request thread.
 */
public interface ConditionLanguage {

    /** Returns the language's name as policy files refer to it, such as {@code cel}. */
    String name();

    /**
     * Parses and type-checks {@code expression}, once, at load time.
     *
     * @param expression the text of the condition
     * @param sourceName the policy file it comes from, for messages
     * @param line the 1-based line of the policy file where the expression text starts
     * @throws ConditionCompileException when the expression does not parse or type-check; its
     *     position is relative to the expression
     */
    Condition compile(String expression, String sourceName, int line)
            throws ConditionCompileException;
}
