package io.portcullis.policy;

import io.portcullis.policy.internal.YamlValue;
import io.portcullis.policy.spi.Condition;

/** Compiles the {@code condition} of a rule; the loader finds the language on first use. */
interface ConditionCompiler {

    /**
     * Compiles the expression {@code value} holds.
     *
     * @throws PolicyLoadException at the expression's position when no language is available
     *     or the expression does not compile
     */
    Condition compile(YamlValue value, String ruleName) throws PolicyLoadException;
}
