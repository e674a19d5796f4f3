package io.portcullis;

import io.portcullis.policy.Decision;
import io.portcullis.policy.DenyReason;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyEngine;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.policy.PolicyLoader;
import io.portcullis.policy.PolicySource;
import io.portcullis.policy.ReloadingPolicy;
import io.portcullis.policy.IssuerSettings;
import io.portcullis.policy.RequestView;
import io.portcullis.token.BearerToken;
import io.portcullis.token.Rejection;
import io.portcullis.token.TokenPrincipal;
import io.portcullis.token.TokenValidator;
import io.portcullis.token.ValidationResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole gate for one service: reads the bearer token of a request, validates it, asks the
 * policy, and says what to answer. Adapters turn their framework's request into a {@link
 * RequestView}, call {@link #check} or {@link #checkAsync}, and write the {@link AccessOutcome};
 * no adapter decides anything itself, so one policy file gives the same answers everywhere.
 *
 * <pre>{@code
 * Portcullis gate = Portcullis.fromPolicy("classpath:policy.yaml");
 * AccessOutcome outcome = gate.check(RequestView.builder("GET", "/orders")
 *         .header("Authorization", "Bearer eyJ...").build());
 * }</pre>
 *
 * <p>A request whose rule is {@code public} is let through without looking at its token, so a
 * health check keeps working whatever a caller sends. Otherwise: a malformed {@code
 * Authorization} header is 400, an invalid token 401, a token the policy finds insufficient 403,
 * and a token whose issuer's keys cannot be had 503.
 */
public final class Portcullis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Portcullis.class);

    /** The {@code realm} of challenges unless configured. */
    public static final String DEFAULT_REALM = "portcullis";
    /** How long clients are asked to wait when keys are unavailable. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private final TokenValidator validator;
    private final PolicyEngine policy;
    private final Answers answers;
    private final int maxTokenLength;
    private final List<AutoCloseable> owned;

    private Portcullis(Builder b) {
        this.validator = b.validator;
        this.policy = b.policy;
        this.answers = new Answers(b.realm, b.retryAfter);
        this.maxTokenLength = b.maxTokenLength;
        this.owned = List.copyOf(b.owned);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a policy file that also names the trusted issuers, trusts exactly those, and reloads
     * the rules when the file or URL changes (every 30 s; a broken change keeps the old rules).
     *
     * @param location {@code classpath:...}, a file path, or an {@code https://} URL
     * @throws PolicyLoadException naming the file and line, when the file is broken or names no
     *     issuer
     */
    public static Portcullis fromPolicy(String location) throws PolicyLoadException {
        return fromPolicy(location, Clock.systemUTC(), builder -> { });
    }

    /**
     * Like {@link #fromPolicy(String)}, with a clock for every expiry and condition, and a chance
     * to adjust the builder (realm, listeners) before it is built.
     */
    public static Portcullis fromPolicy(String location, Clock clock, Consumer<Builder> adjust)
            throws PolicyLoadException {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(clock, "clock");
        return fromPolicy(PolicySource.of(location), PolicyLoader.builder().clock(clock).build(),
                clock, adjust);
    }

    /**
     * Like {@link #fromPolicy(String)}, with the loader that reads the file (for example one
     * whose {@code ${NAME:default}} values come from a map instead of the environment).
     */
    public static Portcullis fromPolicy(PolicySource source, PolicyLoader loader, Clock clock,
            Consumer<Builder> adjust) throws PolicyLoadException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(adjust, "adjust");
        ReloadingPolicy policy = ReloadingPolicy.builder(source).loader(loader).start();
        try {
            Policy first = policy.current();
            if (first.issuers().isEmpty()) {
                throw new PolicyLoadException(first.sourceName(), 0, 0, "the policy names no "
                        + "issuer; add an issuers section, or build Portcullis with a "
                        + "TokenValidator");
            }
            TokenValidator.Builder validator = TokenValidator.builder().clock(clock);
            for (IssuerSettings issuer : first.issuers()) {
                try {
                    validator.issuer(issuer.toIssuerConfig().build());
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new PolicyLoadException(first.sourceName(), issuer.line(), 0,
                            e.getMessage(), e);
                }
            }
            Builder builder = builder().policy(policy).closing(policy);
            adjust.accept(builder);
            if (builder.validator == null) {
                TokenValidator built = validator.build();
                builder.validator(built).closing(built);
            }
            return builder.build();
        } catch (RuntimeException | PolicyLoadException e) {
            policy.close();
            throw e;
        }
    }

    /** Decides {@code request}, blocking while the issuer's keys are fetched. */
    public AccessOutcome check(RequestView request) {
        Objects.requireNonNull(request, "request");
        Decision anonymous = policy.decide(null, request);
        AccessOutcome early = beforeToken(anonymous);
        if (early != null) {
            return logged(early);
        }
        BearerToken.Result bearer = bearer(request);
        if (!(bearer instanceof BearerToken.Present)) {
            return logged(withoutToken(bearer, anonymous));
        }
        ValidationResult result = validator.validate(((BearerToken.Present) bearer).token());
        return logged(afterValidation(result, request));
    }

    /**
     * Decides {@code request} without blocking on network I/O; when the issuer's keys are
     * cached, the stage is complete before this returns, on the calling thread.
     */
    public CompletionStage<AccessOutcome> checkAsync(RequestView request) {
        Objects.requireNonNull(request, "request");
        Decision anonymous = policy.decide(null, request);
        AccessOutcome early = beforeToken(anonymous);
        if (early != null) {
            return CompletableFuture.completedFuture(logged(early));
        }
        BearerToken.Result bearer = bearer(request);
        if (!(bearer instanceof BearerToken.Present)) {
            return CompletableFuture.completedFuture(logged(withoutToken(bearer, anonymous)));
        }
        return validator.validateAsync(((BearerToken.Present) bearer).token())
                .thenApply(result -> logged(afterValidation(result, request)));
    }

    /**
     * Checks an endpoint's own requirement for a request whose caller is not known yet (the
     * policy file's rule for it was public, so its token was not read): reads and validates the
     * token as {@link #check} does, then checks the requirement. Blocks while keys are fetched.
     */
    public AccessOutcome enforce(Requirement requirement, RequestView request) {
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(request, "request");
        BearerToken.Result bearer = bearer(request);
        if (bearer instanceof BearerToken.Invalid) {
            return logged(answers.invalidRequest(((BearerToken.Invalid) bearer).rejection()));
        }
        if (bearer instanceof BearerToken.Absent) {
            return enforce(requirement, null, request);
        }
        ValidationResult result = validator.validate(((BearerToken.Present) bearer).token());
        return result.isValid() ? enforce(requirement, result.principal(), request)
                : logged(answers.rejected(result.rejection()));
    }

    /** Like {@link #enforce(Requirement, RequestView)}, never blocking on network I/O. */
    public CompletionStage<AccessOutcome> enforceAsync(Requirement requirement,
            RequestView request) {
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(request, "request");
        BearerToken.Result bearer = bearer(request);
        if (bearer instanceof BearerToken.Invalid) {
            return CompletableFuture.completedFuture(
                    logged(answers.invalidRequest(((BearerToken.Invalid) bearer).rejection())));
        }
        if (bearer instanceof BearerToken.Absent) {
            return CompletableFuture.completedFuture(enforce(requirement, null, request));
        }
        return validator.validateAsync(((BearerToken.Present) bearer).token())
                .thenApply(result -> result.isValid()
                        ? enforce(requirement, result.principal(), request)
                        : logged(answers.rejected(result.rejection())));
    }

    /**
     * Checks an endpoint's own requirement for a request that the policy file already allowed,
     * answering a refusal exactly as {@link #check} would: 401 without a caller, 403
     * {@code insufficient_scope} (with the scopes needed) when the caller falls short.
     *
     * @param principal the caller {@link #check} verified, or null when there was none
     * @throws IllegalArgumentException for a rule requirement naming a rule the policy lacks
     */
    public AccessOutcome enforce(Requirement requirement, TokenPrincipal principal,
            RequestView request) {
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(request, "request");
        if (requirement.kind() == Requirement.Kind.RULE) {
            Decision decision = policy.decideRule(requirement.values().iterator().next(),
                    principal, request);
            return logged(decision.allowed() ? answers.allowed(principal, decision)
                    : answers.denied(decision, principal));
        }
        if (requirement.kind() == Requirement.Kind.DENY_ALL) {
            return logged(answers.forbidden(principal, "denied", Set.of(), null));
        }
        if (principal == null) {
            return logged(answers.unauthenticated());
        }
        Set<String> held;
        switch (requirement.kind()) {
            case ANY_ROLE:
            case ALL_ROLES:
                held = principal.roles();
                break;
            case ANY_CLIENT_ROLE:
            case ALL_CLIENT_ROLES:
                // Only the named client's roles: a realm role of the same name is not one.
                held = principal.clientRoles(requirement.client().orElseThrow());
                break;
            case ANY_SCOPE:
            case ALL_SCOPES:
                held = principal.scopes();
                break;
            default:
                return answers.allowed(principal, null);
        }
        boolean any = requirement.kind() == Requirement.Kind.ANY_ROLE
                || requirement.kind() == Requirement.Kind.ANY_CLIENT_ROLE
                || requirement.kind() == Requirement.Kind.ANY_SCOPE;
        boolean met = any ? requirement.values().stream().anyMatch(held::contains)
                : held.containsAll(requirement.values());
        if (met) {
            return answers.allowed(principal, null);
        }
        boolean scopes = requirement.kind() == Requirement.Kind.ANY_SCOPE
                || requirement.kind() == Requirement.Kind.ALL_SCOPES;
        boolean clientRoles = requirement.client().isPresent();
        return logged(answers.forbidden(principal,
                scopes ? "scopes" : clientRoles ? "client_roles" : "roles",
                scopes ? requirement.values() : Set.of(), null));
    }

    /** Returns the token validator. */
    public TokenValidator validator() {
        return validator;
    }

    /** Returns the policy. */
    public PolicyEngine policy() {
        return policy;
    }

    /** Closes what this instance made itself: a reloading policy, a validator's key sources. */
    @Override
    public void close() {
        for (AutoCloseable closeable : owned) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Closing {} failed", closeable, e);
            }
        }
    }

    /** Returns the outcome that needs no token: a public rule, or a path that is refused. */
    private AccessOutcome beforeToken(Decision anonymous) {
        if (anonymous.reason() == DenyReason.BAD_PATH) {
            return answers.denied(anonymous, null);
        }
        if (anonymous.allowed() && !anonymous.auditPass()) {
            return answers.allowed(null, anonymous);
        }
        return null;
    }

    private BearerToken.Result bearer(RequestView request) {
        return BearerToken.from(request.headerValues("Authorization"), maxTokenLength);
    }

    private AccessOutcome withoutToken(BearerToken.Result bearer, Decision anonymous) {
        if (bearer instanceof BearerToken.Invalid) {
            return answers.invalidRequest(((BearerToken.Invalid) bearer).rejection());
        }
        return anonymous.allowed() ? answers.allowed(null, anonymous)
                : answers.denied(anonymous, null);
    }

    private AccessOutcome afterValidation(ValidationResult result, RequestView request) {
        if (!result.isValid()) {
            Rejection rejection = result.rejection();
            return answers.rejected(rejection);
        }
        TokenPrincipal principal = result.principal();
        Decision decision = policy.decide(principal, request);
        return decision.allowed() ? answers.allowed(principal, decision)
                : answers.denied(decision, principal);
    }

    private static AccessOutcome logged(AccessOutcome outcome) {
        if (!outcome.allowed() && log.isDebugEnabled()) {
            log.debug("Refused {}", outcome.explain());
        }
        return outcome;
    }

    /** Builds a {@link Portcullis} from a validator and a policy. */
    public static final class Builder {
        private TokenValidator validator;
        private PolicyEngine policy;
        private String realm = DEFAULT_REALM;
        private Duration retryAfter = DEFAULT_RETRY_AFTER;
        private int maxTokenLength = TokenValidator.DEFAULT_MAX_TOKEN_LENGTH;
        private final List<AutoCloseable> owned = new java.util.ArrayList<>();

        private Builder() {
        }

        public Builder validator(TokenValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        public Builder policy(PolicyEngine policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Sets the {@code realm} of {@code WWW-Authenticate} challenges; null leaves it out. */
        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        /** Sets the {@code Retry-After} of a 503 answered while keys are unavailable. */
        public Builder retryAfter(Duration retryAfter) {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative() || retryAfter.isZero()) {
                throw new IllegalArgumentException("retryAfter must be positive: " + retryAfter);
            }
            this.retryAfter = retryAfter;
            return this;
        }

        /** Refuses longer bearer tokens before reading them (default 16 KiB). */
        public Builder maxTokenLength(int characters) {
            if (characters < 16) {
                throw new IllegalArgumentException("maxTokenLength is too small: " + characters);
            }
            this.maxTokenLength = characters;
            return this;
        }

        /** Makes {@link Portcullis#close()} also close {@code resource}. */
        public Builder closing(AutoCloseable resource) {
            owned.add(Objects.requireNonNull(resource, "resource"));
            return this;
        }

        public Portcullis build() {
            if (validator == null) {
                throw new IllegalStateException("No token validator is configured");
            }
            if (policy == null) {
                throw new IllegalStateException("No policy is configured");
            }
            return new Portcullis(this);
        }
    }
}
