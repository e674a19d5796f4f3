package io.portcullis.policy.internal;

import io.portcullis.policy.PolicyLoadException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Parses one YAML 1.2 document (JSON is a subset, so JSON files read the same way) into a tree
 * of {@link YamlValue}s that remember their line and column.
 *
 * <p>The parser is configured for documents that may come over the network: at most
 * {@value #MAX_CODE_POINTS} code points, at most {@value #MAX_ALIASES} aliases (a defence against
 * alias bombs), no recursive structures, no keys that are not scalars.
 */
public final class YamlTree {

    /** Largest document accepted, in code points (about 1 MiB of ASCII). */
    public static final int MAX_CODE_POINTS = 1 << 20;

    private static final int MAX_ALIASES = 50;

    private final String sourceName;
    private final Substitution substitution;

    private YamlTree(String sourceName, Substitution substitution) {
        this.sourceName = sourceName;
        this.substitution = substitution;
    }

    /**
     * Parses {@code text}; {@code environment} resolves {@code ${NAME:default}} in values.
     *
     * @throws PolicyLoadException on a syntax error (with its position) or an empty document
     */
    public static YamlValue parse(
            String text, String sourceName, Function<String, String> environment)
            throws PolicyLoadException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(environment, "environment");
        YamlTree tree = new YamlTree(sourceName, new Substitution(environment));

        Optional<Node> root = tree.compose(text);
        if (root.isEmpty()) {
            throw new PolicyLoadException(sourceName, 0, 0, "the document is empty");
        }
        return new YamlValue(tree, root.get());
    }

    private Optional<Node> compose(String text) throws PolicyLoadException {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(sourceName)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setAllowNonScalarKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setUseMarks(true)
                .build();
        try {
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String problem = e.getProblem() == null ? "YAML syntax error" : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new PolicyLoadException(sourceName,
                    mark.map(m -> m.getLine() + 1).orElse(0),
                    mark.map(m -> m.getColumn() + 1).orElse(0),
                    "YAML syntax error: " + problem + context, e);
        } catch (YamlEngineException e) {
            throw new PolicyLoadException(sourceName, 0, 0, "YAML error: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            // Only a document nested thousands of levels deep gets here; the policy schema is
            // at most a few levels deep, so such a document is never a valid policy.
            throw new PolicyLoadException(sourceName, 0, 0, "the document nests too deeply");
        }
    }

    String sourceName() {
        return sourceName;
    }

    Substitution substitution() {
        return substitution;
    }
}
