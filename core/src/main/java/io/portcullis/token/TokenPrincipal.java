package io.portcullis.token;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The caller as a verified access token describes it: who it is, which issuer vouches for it, and
 * what it may do (roles and scopes), with the token's claims kept as an immutable map.
 *
 * <p>Instances are created only by the validator after the signature and claims were checked, or
 * by tests through {@link #builder(String, String)}. Realm-wide roles and the roles granted by one
 * client (Keycloak's {@code resource_access.<client>.roles}) are kept apart, so that a client role
 * named {@code admin} never passes for the realm role {@code admin}.
 */
public final class TokenPrincipal implements java.security.Principal {

    private final String subject;
    private final String issuer;
    private final Set<String> audiences;
    private final String clientId;
    /** Reads roles and scopes from the claims on first use; null when they were given. */
    private final ClaimMapping mapping;
    // Immutable once set; a race only computes the same immutable value twice, and immutable
    // collections are safely published through their final fields.
    private Set<String> roles;
    private Map<String, Set<String>> clientRoles;
    private Set<String> scopes;
    private final Map<String, Object> claims;
    private final Instant expiresAt;
    private final Instant issuedAt;
    private final String keyId;
    private final String tokenId;

    private TokenPrincipal(Builder b) {
        this.subject = b.subject;
        this.issuer = b.issuer;
        this.audiences = Set.copyOf(b.audiences);
        this.clientId = b.clientId;
        this.mapping = b.mapping;
        if (mapping == null) {
            this.roles = Set.copyOf(b.roles);
            this.clientRoles = copyOfClientRoles(b.clientRoles);
            this.scopes = Set.copyOf(b.scopes);
        }
        this.claims = b.claims;
        this.expiresAt = b.expiresAt;
        this.issuedAt = b.issuedAt;
        this.keyId = b.keyId;
        this.tokenId = b.tokenId;
    }

    private static Map<String, Set<String>> copyOfClientRoles(Map<String, Set<String>> source) {
        boolean immutable = true;
        for (Set<String> granted : source.values()) {
            immutable &= Set.copyOf(granted) == granted; // copyOf returns immutable sets as is
        }
        if (immutable) {
            return Map.copyOf(source);
        }
        var copy = new java.util.HashMap<String, Set<String>>();
        source.forEach((client, granted) -> copy.put(client, Set.copyOf(granted)));
        return Map.copyOf(copy);
    }

    /** Starts a principal for the given subject and issuer; meant for the validator and tests. */
    public static Builder builder(String subject, String issuer) {
        return new Builder(subject, issuer);
    }

    /** Returns the subject ({@code sub}), as {@link java.security.Principal} wants a name. */
    @Override
    public String getName() {
        return subject;
    }

    /** Returns the subject ({@code sub} claim). */
    public String subject() {
        return subject;
    }

    /** Returns the issuer identifier ({@code iss} claim), exactly as configured. */
    public String issuer() {
        return issuer;
    }

    /** Returns the audiences ({@code aud}), whether the token carried a string or an array. */
    public Set<String> audiences() {
        return audiences;
    }

    /** Returns the client the token was issued to ({@code azp}, else {@code client_id}). */
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    /** Returns the realm-wide roles (Keycloak {@code realm_access.roles}, or a roles claim). */
    public Set<String> roles() {
        Set<String> known = roles;
        if (known == null) {
            known = mapping.roles(claims);
            roles = known;
        }
        return known;
    }

    /** Returns the roles granted per client (Keycloak {@code resource_access}), by client id. */
    public Map<String, Set<String>> clientRoles() {
        Map<String, Set<String>> known = clientRoles;
        if (known == null) {
            known = mapping.clientRoles(claims);
            clientRoles = known;
        }
        return known;
    }

    /** Returns the roles one client granted, empty when it granted none. */
    public Set<String> clientRoles(String client) {
        return clientRoles().getOrDefault(client, Set.of());
    }

    /** Returns if the realm-wide roles include {@code role}. */
    public boolean hasRole(String role) {
        return roles().contains(role);
    }

    /** Returns if {@code client} granted {@code role}. */
    public boolean hasClientRole(String client, String role) {
        return clientRoles(client).contains(role);
    }

    /** Returns the scopes ({@code scope} string or {@code scp} array). */
    public Set<String> scopes() {
        Set<String> known = scopes;
        if (known == null) {
            known = mapping.scopes(claims);
            scopes = known;
        }
        return known;
    }

    /** Returns if the scopes include {@code scope}. */
    public boolean hasScope(String scope) {
        return scopes().contains(scope);
    }

    /**
     * Returns all claims as immutable JSON values: {@code String}, {@code Boolean}, {@code Long} or
     * {@code Double}, {@code List} and {@code Map}.
     */
    public Map<String, Object> claims() {
        return claims;
    }

    /** Returns one claim, empty when absent. */
    public Optional<Object> claim(String name) {
        return Optional.ofNullable(claims.get(name));
    }

    /** Returns when the token expires ({@code exp}). */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Returns when the token was issued ({@code iat}), empty when it does not say. */
    public Optional<Instant> issuedAt() {
        return Optional.ofNullable(issuedAt);
    }

    /** Returns the key id ({@code kid}) of the key that signed the token, empty without one. */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /** Returns the token id ({@code jti}), empty without one. */
    public Optional<String> tokenId() {
        return Optional.ofNullable(tokenId);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TokenPrincipal)) {
            return false;
        }
        TokenPrincipal that = (TokenPrincipal) o;
        return subject.equals(that.subject)
                && issuer.equals(that.issuer)
                && Objects.equals(tokenId, that.tokenId)
                && expiresAt.equals(that.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, issuer, tokenId, expiresAt);
    }

    /** Names the subject and issuer only: roles and claims stay out of logs. */
    @Override
    public String toString() {
        return "TokenPrincipal[sub=" + subject + ", iss=" + issuer + "]";
    }

    /** Assembles a principal; every collection is copied on {@link #build()}. */
    public static final class Builder {
        private final String subject;
        private final String issuer;
        private Set<String> audiences = Set.of();
        private String clientId;
        private Set<String> roles = Set.of();
        private Map<String, Set<String>> clientRoles = Map.of();
        private Set<String> scopes = Set.of();
        private Map<String, Object> claims = Map.of();
        private ClaimMapping mapping;
        private Instant expiresAt = Instant.MAX;
        private Instant issuedAt;
        private String keyId;
        private String tokenId;

        private Builder(String subject, String issuer) {
            this.subject = Objects.requireNonNull(subject, "subject");
            this.issuer = Objects.requireNonNull(issuer, "issuer");
        }

        public Builder audiences(Set<String> audiences) {
            this.audiences = Objects.requireNonNull(audiences, "audiences");
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder roles(Set<String> roles) {
            this.roles = Objects.requireNonNull(roles, "roles");
            return this;
        }

        public Builder clientRoles(Map<String, Set<String>> clientRoles) {
            this.clientRoles = Objects.requireNonNull(clientRoles, "clientRoles");
            return this;
        }

        public Builder scopes(Set<String> scopes) {
            this.scopes = Objects.requireNonNull(scopes, "scopes");
            return this;
        }

        /** Sets the claims, which must already be immutable JSON values (see {@link #claims()}). */
        public Builder claims(Map<String, Object> claims) {
            this.claims = Objects.requireNonNull(claims, "claims");
            return this;
        }

        /**
         * Reads roles, client roles and scopes from the claims with {@code mapping} when they
         * are first asked for, instead of taking them as given: most requests need only one of
         * the three, and a cached principal reads each once.
         */
        Builder mappedBy(ClaimMapping mapping) {
            this.mapping = Objects.requireNonNull(mapping, "mapping");
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
            return this;
        }

        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder tokenId(String tokenId) {
            this.tokenId = tokenId;
            return this;
        }

        public TokenPrincipal build() {
            return new TokenPrincipal(this);
        }
    }
}
