package io.portcullis.policy;

import io.portcullis.token.TokenPrincipal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded and compiled policy file: its rules in order, its default for unmatched requests,
 * and its issuer settings. Immutable and thread-safe; every path pattern and condition was
 * compiled at load, so a decision parses nothing.
 *
 * <p>Load one with {@link #load(String)} or a configured {@link PolicyLoader}; to follow changes
 * of the file, use a {@link ReloadingPolicy}.
 */
public final class Policy implements PolicyEngine {

    private static final Logger LOG = LoggerFactory.getLogger(Policy.class);

    private final String sourceName;
    private final String revision;
    private final Instant loadedAt;
    private final int version;
    private final UnmatchedRequests unmatched;
    private final List<IssuerSettings> issuers;
    private final List<CompiledRule> rules;
    private final RuleIndex index;
    private final Clock clock;

    Policy(String sourceName, String revision, Instant loadedAt, int version,
            UnmatchedRequests unmatched, List<IssuerSettings> issuers, List<CompiledRule> rules,
            Clock clock) {
        this(sourceName, revision, loadedAt, version, unmatched, List.copyOf(issuers),
                List.copyOf(rules), new RuleIndex(rules), clock);
    }

    private Policy(String sourceName, String revision, Instant loadedAt, int version,
            UnmatchedRequests unmatched, List<IssuerSettings> issuers, List<CompiledRule> rules,
            RuleIndex index, Clock clock) {
        this.sourceName = sourceName;
        this.revision = revision;
        this.loadedAt = loadedAt;
        this.version = version;
        this.unmatched = unmatched;
        this.issuers = issuers;
        this.rules = rules;
        this.index = index;
        this.clock = clock;
    }

    /**
     * Loads a policy with the default loader (system clock, environment variables, condition
     * languages found with {@link java.util.ServiceLoader}).
     *
     * @param location {@code classpath:policy.yaml}, an {@code https://} URL, or a file path
     */
    public static Policy load(String location) throws PolicyLoadException {
        return PolicyLoader.defaults().load(PolicySource.of(location));
    }

    /** Loads a policy from {@code source} with the default loader. */
    public static Policy load(PolicySource source) throws PolicyLoadException {
        return PolicyLoader.defaults().load(source);
    }

    @Override
    public Decision decide(TokenPrincipal principal, RequestView request) {
        Objects.requireNonNull(request, "request");
        Decision decision = decideQuietly(principal, request);
        if (!decision.allowed() && LOG.isDebugEnabled()) {
            LOG.debug("{}", decision.explain());
        }
        return decision;
    }

    private Decision decideQuietly(TokenPrincipal principal, RequestView request) {
        Decision.Builder decision = Decision.about(request, sourceName, clock).principal(principal);
        Object normalized = PathNormalizer.attempt(request.rawPath());
        if (!(normalized instanceof String)) {
            return decision.problem(((PathNormalizer.Problem) normalized).message)
                    .deny(Decision.BAD_REQUEST, DenyReason.BAD_PATH);
        }
        String path = (String) normalized;
        PathSegments segments = PathSegments.of(path);
        RuleIndex.Entry match = index.find(request.method(), segments);
        if (match == null) {
            decision.path(path);
            if (unmatched == UnmatchedRequests.DENY) {
                return decision.deny(Decision.FORBIDDEN, DenyReason.UNMATCHED);
            }
            return principal == null
                    ? decision.deny(Decision.UNAUTHORIZED, DenyReason.AUTHENTICATION)
                    : decision.allow();
        }
        Map<String, String> variables = match.pattern.variables(segments);
        decision.matched(match.rule, path, variables);
        Decision outcome = evaluate(match.rule, principal, request, path, variables, decision);
        return match.rule.audit() ? audited(outcome) : outcome;
    }

    @Override
    public Decision decideRule(String ruleName, TokenPrincipal principal, RequestView request) {
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(request, "request");
        CompiledRule rule = rule(ruleName);
        if (rule == null) {
            throw new IllegalArgumentException("The policy " + sourceName + " has no rule named '"
                    + ruleName + "'; its rules are " + ruleNames());
        }
        Decision.Builder decision = Decision.about(request, sourceName, clock).principal(principal);
        Object normalized = PathNormalizer.attempt(request.rawPath());
        if (!(normalized instanceof String)) {
            return decision.problem(((PathNormalizer.Problem) normalized).message)
                    .deny(Decision.BAD_REQUEST, DenyReason.BAD_PATH);
        }
        String path = (String) normalized;
        PathSegments segments = PathSegments.of(path);
        Map<String, String> variables = Map.of();
        for (PathPattern pattern : rule.patterns()) {
            if (pattern.matches(segments)) {
                variables = pattern.variables(segments);
                break;
            }
        }
        decision.matched(rule, path, variables);
        Decision outcome = evaluate(rule, principal, request, path, variables, decision);
        Decision result = rule.audit() ? audited(outcome) : outcome;
        if (!result.allowed() && LOG.isDebugEnabled()) {
            LOG.debug("{}", result.explain());
        }
        return result;
    }

    @Override
    public boolean hasRule(String ruleName) {
        return rule(Objects.requireNonNull(ruleName, "ruleName")) != null;
    }

    private CompiledRule rule(String name) {
        for (CompiledRule rule : rules) {
            if (rule.name().equals(name)) {
                return rule;
            }
        }
        return null;
    }

    private Decision evaluate(CompiledRule rule, TokenPrincipal principal, RequestView request,
            String path, Map<String, String> variables, Decision.Builder decision) {
        if (rule.grant() == CompiledRule.Grant.PUBLIC) {
            return decision.allow();
        }
        if (principal == null) {
            return decision.deny(Decision.UNAUTHORIZED, DenyReason.AUTHENTICATION);
        }
        if (rule.grant() == CompiledRule.Grant.AUTHENTICATED) {
            return decision.allow();
        }
        Evaluation evaluation = new Evaluation(request, path, variables, clock);
        Check failed = rule.requirement().firstFailure(principal, evaluation);
        if (failed == null) {
            return decision.allow();
        }
        return decision.failed(failed, evaluation)
                .deny(Decision.FORBIDDEN, evaluation.reasonFor(failed));
    }

    /** Lets a request through a rule in audit mode, logging what the rule would have done. */
    private static Decision audited(Decision decision) {
        if (decision.allowed()) {
            LOG.info("Audit: {}", decision.explain());
            return decision;
        }
        Decision pass = Decision.Builder.auditPass(decision);
        LOG.warn("Audit: {}", pass.explain());
        return pass;
    }

    /**
     * Returns this policy deciding with {@code clock}: the time conditions see as {@code now}.
     * The compiled rules are shared, so this is cheap; meant for tests of time-based rules.
     */
    public Policy withClock(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new Policy(sourceName, revision, loadedAt, version, unmatched, issuers, rules,
                index, clock);
    }

    /** Returns the name of the file, resource or URL the policy was loaded from. */
    public String sourceName() {
        return sourceName;
    }

    /** Returns the revision of the source that was loaded (an ETag, or a content hash). */
    public String revision() {
        return revision;
    }

    /** Returns when the policy was loaded, by the loader's clock. */
    public Instant loadedAt() {
        return loadedAt;
    }

    /** Returns the {@code version} the file declares. */
    public int version() {
        return version;
    }

    /** Returns what happens to requests that no rule matches. */
    public UnmatchedRequests unmatchedRequests() {
        return unmatched;
    }

    /** Returns the issuers the file trusts, in file order, with their claim mappings. */
    public List<IssuerSettings> issuers() {
        return issuers;
    }

    /** Returns the names of the rules, in the order they are tried. */
    public List<String> ruleNames() {
        List<String> names = new ArrayList<>(rules.size());
        for (CompiledRule rule : rules) {
            names.add(rule.name());
        }
        return names;
    }

    /** Returns the clock conditions read {@code now} from. */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "Policy[" + sourceName + ", " + rules.size() + " rules, revision " + revision + "]";
    }
}
