package io.portcullis.cel;

import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.portcullis.policy.spi.Condition;
import io.portcullis.policy.spi.ConditionCompileException;
import io.portcullis.policy.spi.ConditionLanguage;
import java.util.List;
import java.util.Objects;

/**
 * CEL as the condition language of policy files. Every condition is parsed and type-checked
 * against the variables of {@link CelDeclarations} when the policy loads, and must yield a
 * boolean; evaluation runs the compiled program.
 *
 * <p>CEL has no loops that can run forever, and comprehensions ({@code exists}, {@code all},
 * {@code map}, {@code filter}) are capped at {@value #MAX_ITERATIONS} iterations, so a condition
 * cannot be made to spin by a large claim.
 */
public final class CelConditionLanguage implements ConditionLanguage {

    static final int MAX_ITERATIONS = 1_000;
    private static final int MAX_EXPRESSION_CODE_POINTS = 10_000;

    private final CelCompiler compiler;
    private final CelRuntime runtime;

    /** Creates the language; {@link java.util.ServiceLoader} calls this. */
    public CelConditionLanguage() {
        CelOptions options = CelOptions.current()
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .maxExpressionCodePointSize(MAX_EXPRESSION_CODE_POINTS)
                .enableHeterogeneousNumericComparisons(true)
                .build();
        CelCompilerBuilder compiler = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setTypeProvider(CelDeclarations.typeProvider())
                .setResultType(SimpleType.BOOL);
        CelDeclarations.VARIABLES.forEach(compiler::addVar);
        this.compiler = compiler.build();
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options).build();
    }

    @Override
    public String name() {
        return "cel";
    }

    @Override
    public Condition compile(String expression, String sourceName, int line)
            throws ConditionCompileException {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(sourceName, "sourceName");
        try {
            CelRuntime.Program program =
                    runtime.createProgram(compiler.compile(expression).getAst());
            return new CelCondition(program, expression, sourceName + ":" + line);
        } catch (CelValidationException e) {
            throw compileError(e.getErrors(), e.getMessage());
        } catch (CelEvaluationException e) {
            throw new ConditionCompileException(e.getMessage(), 0, 0);
        }
    }

    private static ConditionCompileException compileError(List<CelIssue> issues, String fallback) {
        if (issues.isEmpty()) {
            return new ConditionCompileException(fallback, 0, 0);
        }
        CelIssue first = issues.get(0);
        String more = issues.size() > 1 ? " (and " + (issues.size() - 1) + " more)" : "";
        int line = first.getSourceLocation().getLine();
        int column = first.getSourceLocation().getColumn(); // 0-based in CEL
        return new ConditionCompileException(first.getMessage() + more,
                Math.max(line, 0), column < 0 ? 0 : column + 1);
    }
}
