package io.portcullis.policy;

import io.portcullis.token.TokenPrincipal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The answer of the policy engine for one request: allowed or not, the HTTP status an adapter
 * should answer with, the rule that decided and, for a denial, which requirement failed.
 *
 * <p>Statuses: 200 when allowed; 401 when the rule needs a verified caller and there is none
 * (RFC 6750 section 3: answer with a {@code WWW-Authenticate: Bearer} challenge); 403 when the
 * caller is known but not permitted (RFC 6750 section 3.1 {@code insufficient_scope}, with
 * {@link #requiredScopes()} as the {@code scope} attribute when not empty); 400 when the path
 * cannot be normalised safely.
 *
 * <p>{@link #explain()} is one line fit for a log; {@link #explainFully()} lists every
 * requirement of the rule and whether the caller met it, for developers. Neither contains the
 * token or header values.
 */
public final class Decision {

    /** Status of an allowed request. */
    public static final int OK = 200;
    /** Status of a path that cannot be normalised safely. */
    public static final int BAD_REQUEST = 400;
    /** Status when a verified caller is needed and missing. */
    public static final int UNAUTHORIZED = 401;
    /** Status when the caller is known but not permitted. */
    public static final int FORBIDDEN = 403;

    private static final int MAX_SHOWN_PATH = 200; // characters

    private final boolean allowed;
    private final int status;
    private final int enforcedStatus; // the status had the rule not been in audit mode
    private final DenyReason reason;
    private final boolean auditPass;
    private final CompiledRule rule;
    private final String sourceName;
    private final RequestView request;
    private final String normalizedPath;
    private final Map<String, String> pathVariables;
    private final TokenPrincipal principal;
    private final Check failedCheck;
    private final String problem;
    private final Set<String> requiredScopes;
    private final Clock clock;
    private final Instant conditionTime;

    private Decision(Builder b) {
        this.allowed = b.allowed;
        this.status = b.status;
        this.enforcedStatus = b.enforcedStatus;
        this.reason = b.reason;
        this.auditPass = b.auditPass;
        this.rule = b.rule;
        this.sourceName = b.sourceName;
        this.request = b.request;
        this.normalizedPath = b.normalizedPath;
        this.pathVariables = b.pathVariables;
        this.principal = b.principal;
        this.failedCheck = b.failedCheck;
        this.problem = b.problem;
        this.requiredScopes = b.requiredScopes;
        this.clock = b.clock;
        this.conditionTime = b.conditionTime;
    }

    /** Returns if the request may proceed (also when only audit mode let it through). */
    public boolean allowed() {
        return allowed;
    }

    /** Returns the HTTP status to answer with: 200, 400, 401 or 403. */
    public int status() {
        return status;
    }

    /** Returns the name of the rule that decided, empty when no rule matched. */
    public Optional<String> rule() {
        return rule == null ? Optional.empty() : Optional.of(rule.name());
    }

    /**
     * Returns why the request is denied; {@link DenyReason#NONE} when allowed. In audit mode it
     * is the reason the rule would have denied it.
     */
    public DenyReason reason() {
        return reason;
    }

    /** Returns if the request is allowed only because its rule is in audit mode. */
    public boolean auditPass() {
        return auditPass;
    }

    /**
     * Returns the scopes that would have let the request through when it failed on scopes, for
     * the {@code scope} attribute of an {@code insufficient_scope} challenge (RFC 6750 section
     * 3); empty otherwise.
     */
    public Set<String> requiredScopes() {
        return requiredScopes;
    }

    /** Returns the path variables the matching pattern captured, percent-decoded. */
    public Map<String, String> pathVariables() {
        return pathVariables;
    }

    /** Returns the normalised path, empty when the path was refused. */
    public Optional<String> normalizedPath() {
        return Optional.ofNullable(normalizedPath);
    }

    /** Returns the request this decision is about. */
    public RequestView request() {
        return request;
    }

    /** Returns one line saying what was decided and why, without the token. */
    public String explain() {
        StringBuilder sb = new StringBuilder(128);
        if (auditPass) {
            sb.append("ALLOW (audit mode; would DENY ").append(enforcedStatus).append(") ");
        } else {
            sb.append(allowed ? "ALLOW " : "DENY ").append(status).append(' ');
        }
        sb.append(request.method()).append(' ').append(printable(request.rawPath()));
        if (rule != null) {
            sb.append(" by rule '").append(rule.name()).append('\'');
        }
        if (reason != DenyReason.NONE) {
            sb.append(": ").append(reason).append(": ").append(why());
        } else if (rule != null) {
            sb.append(" (").append(rule.grant().outcome).append(')');
        } else {
            sb.append(" (no rule matched; unmatched requests need only a verified caller)");
        }
        return sb.toString();
    }

    private String why() {
        switch (reason) {
            case AUTHENTICATION:
                return "the rule needs a verified caller and the request has none";
            case UNMATCHED:
                return "no rule matches " + request.method() + " " + printable(normalizedPath);
            case BAD_PATH:
                return problem;
            case CONDITION_ERROR:
                return failedCheck.describe() + " could not be evaluated: " + problem;
            default:
                return "needs " + failedCheck.describe() + "; "
                        + failedCheck.describeActual(principal);
        }
    }

    /**
     * Returns several lines for a developer: the request, the caller, the rule with its
     * location, the path variables and every requirement with whether it passed.
     */
    public String explainFully() {
        StringBuilder sb = new StringBuilder(512).append(explain()).append('\n');
        sb.append("  request: ").append(request.method()).append(' ')
                .append(printable(request.rawPath()));
        if (normalizedPath != null && !normalizedPath.equals(request.rawPath())) {
            sb.append(" (normalised: ").append(printable(normalizedPath)).append(')');
        }
        sb.append('\n').append("  caller: ").append(describeCaller()).append('\n');
        if (rule == null) {
            sb.append("  rule: none matched\n");
            return sb.toString();
        }
        sb.append("  rule: '").append(rule.name()).append("' at ").append(sourceName)
                .append(':').append(rule.line())
                .append(rule.audit() ? " (audit mode)" : "").append('\n');
        sb.append("  matches: methods ")
                .append(rule.methods().isEmpty() ? "any" : new TreeSet<>(rule.methods()))
                .append(", paths ").append(rule.patterns()).append('\n');
        if (!pathVariables.isEmpty()) {
            sb.append("  path variables: ").append(new TreeMap<>(pathVariables)).append('\n');
        }
        sb.append("  grants: ").append(rule.grant().description).append('\n');
        if (rule.requirement() != null && principal != null) {
            Clock at = conditionTime == null ? clock : Clock.fixed(conditionTime, ZoneOffset.UTC);
            Evaluation evaluation = new Evaluation(request, normalizedPath, pathVariables, at);
            describe(rule.requirement(), evaluation, "    ", sb);
        }
        return sb.toString();
    }

    private void describe(RequirementSet set, Evaluation evaluation, String indent,
            StringBuilder sb) {
        for (Check check : set.checks()) {
            boolean passed = check.test(principal, evaluation);
            String error = evaluation.conditionError(check);
            sb.append(indent).append(passed ? "[pass] " : "[FAIL] ").append(check.describe())
                    .append(" -- ")
                    .append(error != null ? "error: " + error : check.describeActual(principal))
                    .append('\n');
        }
        int n = 1;
        for (RequirementSet alternative : set.alternatives()) {
            sb.append(indent).append("any of, alternative ").append(n++).append(":\n");
            describe(alternative, evaluation, indent + "  ", sb);
        }
    }

    private String describeCaller() {
        if (principal == null) {
            return "none (no valid token)";
        }
        StringBuilder sb = new StringBuilder()
                .append("sub=").append(principal.subject())
                .append(" iss=").append(principal.issuer());
        principal.clientId().ifPresent(c -> sb.append(" client=").append(c));
        sb.append(" roles=").append(new TreeSet<>(principal.roles()))
                .append(" scopes=").append(new TreeSet<>(principal.scopes()));
        if (!principal.clientRoles().isEmpty()) {
            sb.append(" clientRoles=").append(new TreeMap<>(principal.clientRoles()));
        }
        return sb.toString();
    }

    /** Returns text safe for a log line: no control characters, at most 200 characters. */
    static String printable(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_SHOWN_PATH) + 3);
        int i = 0;
        for (; i < text.length() && sb.length() < MAX_SHOWN_PATH; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return i < text.length() ? sb.append("...").toString() : sb.toString();
    }

    @Override
    public String toString() {
        return explain();
    }

    /** Starts a decision about {@code request}. */
    static Builder about(RequestView request, String sourceName, Clock clock) {
        return new Builder(request, sourceName, clock);
    }

    /** Assembles decisions; only the engine creates them. */
    static final class Builder {
        private boolean allowed;
        private int status;
        private int enforcedStatus;
        private DenyReason reason = DenyReason.NONE;
        private boolean auditPass;
        private CompiledRule rule;
        private final String sourceName;
        private final RequestView request;
        private String normalizedPath;
        private Map<String, String> pathVariables = Map.of();
        private TokenPrincipal principal;
        private Check failedCheck;
        private String problem;
        private Set<String> requiredScopes = Set.of();
        private final Clock clock;
        private Instant conditionTime;

        private Builder(RequestView request, String sourceName, Clock clock) {
            this.request = Objects.requireNonNull(request, "request");
            this.sourceName = sourceName;
            this.clock = clock;
        }

        Builder matched(CompiledRule rule, String normalizedPath, Map<String, String> variables) {
            this.rule = rule;
            this.normalizedPath = normalizedPath;
            this.pathVariables = variables;
            return this;
        }

        Builder path(String normalizedPath) {
            this.normalizedPath = normalizedPath;
            return this;
        }

        Builder principal(TokenPrincipal principal) {
            this.principal = principal;
            return this;
        }

        Decision allow() {
            this.allowed = true;
            this.status = OK;
            this.enforcedStatus = OK;
            return new Decision(this);
        }

        Decision deny(int status, DenyReason reason) {
            this.allowed = false;
            this.status = status;
            this.enforcedStatus = status;
            this.reason = reason;
            return new Decision(this);
        }

        Builder problem(String problem) {
            this.problem = problem;
            return this;
        }

        Builder failed(Check check, Evaluation evaluation) {
            this.failedCheck = check;
            this.problem = evaluation.conditionError(check);
            this.requiredScopes = evaluation.neededScopes();
            this.conditionTime = evaluation.now();
            return this;
        }

        /** Turns a denial into the audit-mode pass it becomes under a rule in audit mode. */
        static Decision auditPass(Decision denial) {
            Builder b = new Builder(denial.request, denial.sourceName, denial.clock);
            b.allowed = true;
            b.status = OK;
            b.enforcedStatus = denial.status;
            b.reason = denial.reason;
            b.auditPass = true;
            b.rule = denial.rule;
            b.normalizedPath = denial.normalizedPath;
            b.pathVariables = denial.pathVariables;
            b.principal = denial.principal;
            b.failedCheck = denial.failedCheck;
            b.problem = denial.problem;
            b.requiredScopes = denial.requiredScopes;
            b.conditionTime = denial.conditionTime;
            return new Decision(b);
        }
    }
}
