package io.portcullis.policy;

import io.portcullis.policy.internal.YamlMap;
import io.portcullis.policy.internal.YamlTree;
import io.portcullis.policy.internal.YamlValue;
import io.portcullis.policy.spi.Condition;
import io.portcullis.policy.spi.ConditionCompileException;
import io.portcullis.policy.spi.ConditionLanguage;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, checks and compiles policy files. A loader is immutable and can be shared; it holds
 * the clock conditions read {@code now} from, where {@code ${NAME:default}} values come from
 * (the process environment by default) and which condition languages are available.
 *
 * <p>Everything that can be wrong with a file is found here, at start-up, with its line: syntax
 * errors, unknown keys, values of the wrong type, duplicate rule names, bad path patterns,
 * conditions that do not compile, rules that grant nothing.
 */
public final class PolicyLoader {

    /** The only {@code version} of the policy format there is so far. */
    public static final int FORMAT_VERSION = 1;

    /** The name policy files use for conditions: they are written in CEL. */
    public static final String CONDITION_LANGUAGE = "cel";

    /** The artifact that provides {@link #CONDITION_LANGUAGE}. */
    public static final String CONDITION_ARTIFACT = "io.portcullis:portcullis-cel";

    private static final Logger LOG = LoggerFactory.getLogger(PolicyLoader.class);
    private static final Set<String> TOP_KEYS = Set.of("version", "defaults", "issuers", "rules");
    private static final Set<String> DEFAULTS_KEYS = Set.of("unmatched");

    private final Clock clock;
    private final Function<String, String> environment;
    private final List<ConditionLanguage> explicitLanguages;
    private final ClassLoader classLoader;
    private volatile Optional<ConditionLanguage> discovered; // null until first needed
    private volatile String discoveryFailure; // why discovery failed, null if it did not

    private PolicyLoader(Builder b) {
        this.clock = b.clock;
        this.environment = b.environment;
        this.explicitLanguages = List.copyOf(b.languages);
        this.classLoader = b.classLoader;
    }

    /** Returns a loader with the system clock, the process environment and discovered languages. */
    public static PolicyLoader defaults() {
        return builder().build();
    }

    /** Starts configuring a loader. */
    public static Builder builder() {
        return new Builder();
    }

    /** Loads the policy a location names (see {@link PolicySource#of(String)}). */
    public Policy load(String location) throws PolicyLoadException {
        return load(PolicySource.of(location));
    }

    /**
     * Reads and compiles the policy {@code source} holds.
     *
     * @throws PolicyLoadException when it cannot be read or is not a valid policy
     */
    public Policy load(PolicySource source) throws PolicyLoadException {
        Objects.requireNonNull(source, "source");
        PolicySource.Content content;
        try {
            content = source.read();
        } catch (IOException | RuntimeException e) {
            throw new PolicyLoadException(source.name(), 0, 0,
                    "cannot read the policy: " + e.getMessage(), e);
        }
        Policy policy = compile(content, source.name());
        LOG.info("Loaded policy {} (version {}): {} rules, {} issuers, unmatched requests {}",
                source.name(), policy.version(), policy.ruleNames().size(),
                policy.issuers().size(), policy.unmatchedRequests());
        return policy;
    }

    /** Compiles policy text; {@code sourceName} names it in messages. */
    public Policy parse(String text, String sourceName) throws PolicyLoadException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        return compile(new PolicySource.Content(text, Revisions.hashOf(text)), sourceName);
    }

    Policy compile(PolicySource.Content content, String sourceName) throws PolicyLoadException {
        YamlValue root = YamlTree.parse(content.text(), sourceName, environment);
        YamlMap top = root.asMap("a policy file").allowOnly("the policy file", TOP_KEYS);

        YamlValue versionValue = top.require("version", "a policy file (write version: 1)");
        long version = versionValue.asLong("version");
        if (version != FORMAT_VERSION) {
            throw versionValue.error("version " + version + " is not supported; this library"
                    + " reads version " + FORMAT_VERSION);
        }
        UnmatchedRequests unmatched = unmatched(top);
        List<IssuerSettings> issuers = top.get("issuers").isPresent()
                ? IssuerParser.parse(top.get("issuers").get()) : List.of();
        List<CompiledRule> rules = new RuleParser(this::compileCondition)
                .parse(top.require("rules", "a policy file"));
        return new Policy(sourceName, content.revision(), clock.instant(), (int) version,
                unmatched, issuers, rules, clock);
    }

    private static UnmatchedRequests unmatched(YamlMap top) throws PolicyLoadException {
        Optional<YamlValue> defaults = top.get("defaults");
        if (defaults.isEmpty()) {
            return UnmatchedRequests.DENY;
        }
        YamlMap map = defaults.get().asMap("defaults").allowOnly("defaults", DEFAULTS_KEYS);
        Optional<YamlValue> value = map.get("unmatched");
        if (value.isEmpty()) {
            return UnmatchedRequests.DENY;
        }
        String text = value.get().asString("defaults.unmatched");
        switch (text) {
            case "deny":
                return UnmatchedRequests.DENY;
            case "authenticated":
                return UnmatchedRequests.AUTHENTICATED;
            default:
                throw value.get().error("defaults.unmatched must be deny or authenticated, not '"
                        + text + "'");
        }
    }

    private Condition compileCondition(YamlValue value, String where) throws PolicyLoadException {
        String expression = value.asString(where + ": condition");
        ConditionLanguage language = language().orElseThrow(() -> value.error(
                discoveryFailure == null
                        ? where + " has a condition, but no condition language is on the class"
                                + " path: add the artifact " + CONDITION_ARTIFACT
                        : where + " has a condition, but the condition language on the class path"
                                + " could not be loaded (" + discoveryFailure + "); often a"
                                + " dependency conflict: CEL needs the protobuf-java version it"
                                + " was built with or newer"));
        try {
            return language.compile(expression, value.sourceName(), value.contentLine());
        } catch (ConditionCompileException e) {
            // Limitation: a folded block (>) reaches the language as one line, so an error in
            // it is placed on the first line of the block.
            int line = value.contentLine() + Math.max(e.line(), 1) - 1;
            int column = e.column() <= 0 ? 0
                    : (e.line() <= 1 || value.isLiteralBlock() ? value.contentColumn() : 1)
                            + e.column() - 1;
            throw new PolicyLoadException(value.sourceName(), line, column,
                    where + ": condition does not compile: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new PolicyLoadException(value.sourceName(), value.contentLine(),
                    value.contentColumn(), where + ": the condition language failed on the"
                    + " condition: " + e, e);
        }
    }

    private Optional<ConditionLanguage> language() {
        for (ConditionLanguage language : explicitLanguages) {
            if (CONDITION_LANGUAGE.equals(language.name())) {
                return Optional.of(language);
            }
        }
        Optional<ConditionLanguage> found = discovered;
        if (found == null) {
            found = discover();
            discovered = found;
        }
        return found;
    }

    private Optional<ConditionLanguage> discover() {
        try {
            for (ConditionLanguage language : ServiceLoader.load(ConditionLanguage.class,
                    classLoader)) {
                if (CONDITION_LANGUAGE.equals(language.name())) {
                    return Optional.of(language);
                }
            }
        } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            discoveryFailure = cause.toString();
            LOG.error("A condition language on the class path could not be loaded: {}",
                    discoveryFailure);
        }
        return Optional.empty();
    }

    /** Returns the clock of this loader. */
    public Clock clock() {
        return clock;
    }

    /** Configures a {@link PolicyLoader}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Function<String, String> environment = System::getenv;
        private final List<ConditionLanguage> languages = new ArrayList<>();
        private ClassLoader classLoader = defaultClassLoader();

        private Builder() {
        }

        private static ClassLoader defaultClassLoader() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : PolicyLoader.class.getClassLoader();
        }

        /** Sets the clock for {@code now} in conditions and for load times. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Sets where {@code ${NAME:default}} looks names up (null for unset). */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** Sets fixed variables for {@code ${NAME:default}}, instead of the environment. */
        public Builder environment(Map<String, String> variables) {
            Map<String, String> copy = Map.copyOf(Objects.requireNonNull(variables, "variables"));
            this.environment = copy::get;
            return this;
        }

        /** Adds a condition language, preferred over any found with ServiceLoader. */
        public Builder conditionLanguage(ConditionLanguage language) {
            languages.add(Objects.requireNonNull(language, "language"));
            return this;
        }

        /** Sets the class loader that ServiceLoader searches for condition languages. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /** Returns the loader. */
        public PolicyLoader build() {
            return new PolicyLoader(this);
        }
    }
}
