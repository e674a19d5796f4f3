package io.portcullis.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.portcullis.keys.KeySourceSettings;
import io.portcullis.keys.LoopbackAddresses;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One trusted issuer: its identifier, where its keys come from, and what its tokens must carry.
 *
 * <p>Only configured issuers are trusted, and only their configured key locations are ever
 * contacted: anyone can stand up an issuer and publish keys, so a token's {@code iss},
 * {@code jku}, {@code x5u} or {@code jwk} never makes this library fetch anything.
 *
 * <pre>{@code
 * IssuerConfig prod = IssuerConfig.builder("https://sso.example.com/realms/prod")
 *     .discovery()
 *     .audiences("orders-service")
 *     .build();
 * }</pre>
 */
public final class IssuerConfig {

    /**
     * The algorithms accepted by default: every asymmetric JWS algorithm (EdDSA also by its
     * fully-specified name Ed25519), no MAC, never none.
     */
    public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    /** The MAC algorithms, accepted only with a configured shared secret. */
    public static final Set<JWSAlgorithm> MAC_ALGORITHMS =
            Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    /** Where an issuer's keys come from. */
    public enum KeysFrom {
        /** The {@code jwks_uri} of {@code <issuer>/.well-known/openid-configuration}. */
        DISCOVERY,
        /** A configured JWKS URI. */
        JWKS_URI,
        /** Keys configured in advance; nothing is fetched. */
        FIXED_KEYS,
        /** An HMAC shared secret; nothing is fetched. */
        SHARED_SECRET
    }

    private final String issuer;
    private final KeysFrom keysFrom;
    private final URI jwksUri;
    private final URI discoveryUri;
    private final List<JWK> fixedKeys;
    private final byte[] sharedSecret;
    private final Set<String> audiences;
    private final Set<JWSAlgorithm> algorithms;
    private final TokenTypePolicy tokenType;
    private final Duration clockSkew;
    private final Duration maxTokenAge;
    private final Set<String> requiredClaims;
    private final ClaimMapping claimMapping;
    private final KeySourceSettings keySourceSettings;

    private IssuerConfig(Builder b) {
        this.issuer = b.issuer;
        this.keysFrom = b.keysFrom;
        this.jwksUri = b.jwksUri;
        this.discoveryUri = b.discoveryUri != null ? b.discoveryUri : defaultDiscoveryUri(issuer);
        this.fixedKeys = b.fixedKeys == null ? List.of() : List.copyOf(b.fixedKeys);
        this.sharedSecret = b.sharedSecret;
        this.audiences = Set.copyOf(b.audiences);
        this.tokenType = b.tokenType;
        this.clockSkew = b.clockSkew;
        this.maxTokenAge = b.maxTokenAge;
        this.requiredClaims = Set.copyOf(b.requiredClaims);
        this.claimMapping = b.claimMapping;
        this.keySourceSettings = b.keySourceSettings;
        this.algorithms = Set.copyOf(b.algorithms != null ? b.algorithms
                : keysFrom == KeysFrom.SHARED_SECRET ? macAlgorithmsFor(sharedSecret)
                : DEFAULT_ALGORITHMS);
    }

    /** RFC 7518 section 3.2: each HMAC needs a secret at least as long as its hash output. */
    private static Set<JWSAlgorithm> macAlgorithmsFor(byte[] secret) {
        Set<JWSAlgorithm> fit = new java.util.HashSet<>();
        for (JWSAlgorithm algorithm : MAC_ALGORITHMS) {
            if (secret.length >= minimumSecretBytes(algorithm)) {
                fit.add(algorithm);
            }
        }
        return fit;
    }

    private static int minimumSecretBytes(JWSAlgorithm mac) {
        return Integer.parseInt(mac.getName().substring(2)) / 8;
    }

    /** Starts the configuration of the issuer with this exact identifier. */
    public static Builder builder(String issuer) {
        return new Builder(issuer);
    }

    /** Returns the issuer identifier, compared exactly with {@code iss}. */
    public String issuer() {
        return issuer;
    }

    public KeysFrom keysFrom() {
        return keysFrom;
    }

    /**
     * Returns where the discovery document is read: {@code <issuer>/.well-known/
     * openid-configuration} (OpenID Connect Discovery 1.0 section 4) unless configured.
     */
    public URI discoveryUri() {
        return discoveryUri;
    }

    private static URI defaultDiscoveryUri(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return URI.create(base + "/.well-known/openid-configuration");
    }

    /** Returns the configured JWKS URI; empty unless keys come from {@link KeysFrom#JWKS_URI}. */
    public Optional<URI> jwksUri() {
        return Optional.ofNullable(jwksUri);
    }

    /** Returns the fixed keys; empty unless keys come from {@link KeysFrom#FIXED_KEYS}. */
    public List<JWK> fixedKeys() {
        return fixedKeys;
    }

    /** Returns a copy of the shared secret; empty unless keys come from a shared secret. */
    public Optional<byte[]> sharedSecret() {
        return Optional.ofNullable(sharedSecret).map(byte[]::clone);
    }

    /** Returns the accepted audiences; empty means {@code aud} is not checked. */
    public Set<String> audiences() {
        return audiences;
    }

    public Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    /** Returns the names of the accepted algorithms, such as {@code RS256}. */
    public Set<String> algorithmNames() {
        Set<String> names = new LinkedHashSet<>();
        for (JWSAlgorithm algorithm : algorithms) {
            names.add(algorithm.getName());
        }
        return names;
    }

    public TokenTypePolicy tokenType() {
        return tokenType;
    }

    public Duration clockSkew() {
        return clockSkew;
    }

    /** Returns how old (by {@code iat}) a token may be; empty when only {@code exp} counts. */
    public Optional<Duration> maxTokenAge() {
        return Optional.ofNullable(maxTokenAge);
    }

    /** Returns claims every token must carry, beyond {@code iss} and {@code exp}. */
    public Set<String> requiredClaims() {
        return requiredClaims;
    }

    public ClaimMapping claimMapping() {
        return claimMapping;
    }

    public KeySourceSettings keySourceSettings() {
        return keySourceSettings;
    }

    @Override
    public String toString() {
        return "IssuerConfig[" + issuer + ", keys from " + keysFrom + ", audiences " + audiences
                + "]";
    }

    /** Builds an {@link IssuerConfig}; {@link #build()} refuses one that cannot work. */
    public static final class Builder {
        private static final int MIN_SECRET_BYTES = 32; // 256 bits, RFC 7518 section 3.2

        private final String issuer;
        private KeysFrom keysFrom;
        private URI jwksUri;
        private URI discoveryUri;
        private List<JWK> fixedKeys;
        private byte[] sharedSecret;
        private final Set<String> audiences = new LinkedHashSet<>();
        private boolean anyAudience;
        private Set<JWSAlgorithm> algorithms;
        private TokenTypePolicy tokenType = TokenTypePolicy.ANY;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private Duration maxTokenAge;
        private final Set<String> requiredClaims = new LinkedHashSet<>();
        private ClaimMapping claimMapping = ClaimMapping.keycloak();
        private KeySourceSettings keySourceSettings = KeySourceSettings.defaults();

        private Builder(String issuer) {
            Objects.requireNonNull(issuer, "issuer");
            if (issuer.isBlank()) {
                throw new IllegalArgumentException("issuer must not be blank");
            }
            this.issuer = issuer;
        }

        /** Takes keys from the {@code jwks_uri} that OIDC discovery names for this issuer. */
        public Builder discovery() {
            return keysFrom(KeysFrom.DISCOVERY);
        }

        /**
         * Takes keys from the {@code jwks_uri} of the discovery document at {@code uri}, for
         * issuers that do not serve it at the well-known address; its {@code issuer} must still
         * equal this issuer.
         */
        public Builder discovery(URI uri) {
            this.discoveryUri = Objects.requireNonNull(uri, "uri");
            return keysFrom(KeysFrom.DISCOVERY);
        }

        /** Takes keys from this JWKS URI. */
        public Builder jwksUri(URI uri) {
            this.jwksUri = Objects.requireNonNull(uri, "uri");
            return keysFrom(KeysFrom.JWKS_URI);
        }

        /** Takes keys from this JWKS URI. */
        public Builder jwksUri(String uri) {
            return jwksUri(URI.create(Objects.requireNonNull(uri, "uri")));
        }

        /** Verifies with these keys only; nothing is fetched. */
        public Builder keys(JWKSet keys) {
            Objects.requireNonNull(keys, "keys");
            this.fixedKeys = keys.getKeys();
            return keysFrom(KeysFrom.FIXED_KEYS);
        }

        /**
         * Verifies HMAC-signed tokens with this shared secret of at least 32 bytes: HS256, and
         * HS384 and HS512 when the secret has at least 48 and 64 bytes (RFC 7518 section 3.2).
         * Whoever holds the secret can mint tokens: use it only where every holder is trusted
         * to.
         */
        public Builder sharedSecret(byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("The shared secret of " + issuer + " has "
                        + secret.length + " bytes; HS256 needs at least " + MIN_SECRET_BYTES);
            }
            this.sharedSecret = secret.clone();
            return keysFrom(KeysFrom.SHARED_SECRET);
        }

        private Builder keysFrom(KeysFrom from) {
            if (keysFrom != null && keysFrom != from) {
                throw new IllegalStateException("Keys of " + issuer + " already come from "
                        + keysFrom + "; choose one source");
            }
            this.keysFrom = from;
            return this;
        }

        /** Accepts tokens whose {@code aud} holds any one of these audiences. */
        public Builder audiences(String... audiences) {
            return audiences(Arrays.asList(audiences));
        }

        /** Accepts tokens whose {@code aud} holds any one of these audiences. */
        public Builder audiences(Iterable<String> audiences) {
            for (String audience : audiences) {
                this.audiences.add(Objects.requireNonNull(audience, "audience"));
            }
            return this;
        }

        /**
         * Accepts tokens for any audience. A token minted for another service then works here
         * too, so prefer naming the audiences.
         */
        public Builder anyAudience() {
            this.anyAudience = true;
            return this;
        }

        /** Accepts only these algorithms; {@code none} is never accepted. */
        public Builder algorithms(JWSAlgorithm... algorithms) {
            return algorithms(Arrays.asList(algorithms));
        }

        /** Accepts only these algorithms; {@code none} is never accepted. */
        public Builder algorithms(Iterable<JWSAlgorithm> algorithms) {
            Set<JWSAlgorithm> chosen = new LinkedHashSet<>();
            for (JWSAlgorithm algorithm : algorithms) {
                chosen.add(Objects.requireNonNull(algorithm, "algorithm"));
            }
            this.algorithms = chosen;
            return this;
        }

        /** Accepts only these algorithms, by name ({@code RS256}); {@code none} is refused. */
        public Builder algorithmNames(Iterable<String> names) {
            Set<JWSAlgorithm> chosen = new LinkedHashSet<>();
            for (String name : names) {
                chosen.add(JWSAlgorithm.parse(Objects.requireNonNull(name, "algorithm")));
            }
            this.algorithms = chosen;
            return this;
        }

        public Builder tokenType(TokenTypePolicy tokenType) {
            this.tokenType = Objects.requireNonNull(tokenType, "tokenType");
            return this;
        }

        /** Sets how far clocks may disagree when checking {@code exp}, {@code nbf}, {@code iat}. */
        public Builder clockSkew(Duration skew) {
            Objects.requireNonNull(skew, "skew");
            if (skew.isNegative()) {
                throw new IllegalArgumentException("clockSkew must not be negative: " + skew);
            }
            this.clockSkew = skew;
            return this;
        }

        /** Refuses tokens issued ({@code iat}) longer ago than this; makes {@code iat} required. */
        public Builder maxTokenAge(Duration age) {
            Objects.requireNonNull(age, "age");
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("maxTokenAge must be positive: " + age);
            }
            this.maxTokenAge = age;
            return this;
        }

        /** Requires these claims to be present in every token. */
        public Builder requiredClaims(String... claims) {
            for (String claim : claims) {
                this.requiredClaims.add(Objects.requireNonNull(claim, "claim"));
            }
            return this;
        }

        public Builder claimMapping(ClaimMapping mapping) {
            this.claimMapping = Objects.requireNonNull(mapping, "mapping");
            return this;
        }

        public Builder keySourceSettings(KeySourceSettings settings) {
            this.keySourceSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Returns the configuration.
         *
         * @throws IllegalStateException when it cannot work: no key source, no audience decision,
         *     {@code none} among the algorithms, MAC algorithms without a secret or asymmetric ones
         *     with only a secret, or a plain-HTTP JWKS URI off loopback without explicit consent
         */
        public IssuerConfig build() {
            if (keysFrom == null) {
                throw new IllegalStateException("Issuer " + issuer + " has no key source: call "
                        + "discovery(), jwksUri(..), keys(..) or sharedSecret(..)");
            }
            if (audiences.isEmpty() && !anyAudience) {
                throw new IllegalStateException("Issuer " + issuer + " accepts no audience: name "
                        + "the audiences of this service, or call anyAudience()");
            }
            if (algorithms != null) {
                checkAlgorithms();
            }
            checkTransport();
            return new IssuerConfig(this);
        }

        private void checkAlgorithms() {
            if (algorithms.isEmpty()) {
                throw new IllegalStateException("Issuer " + issuer + " allows no algorithm");
            }
            for (JWSAlgorithm algorithm : algorithms) {
                boolean mac = MAC_ALGORITHMS.contains(algorithm);
                if ("none".equalsIgnoreCase(algorithm.getName())) {
                    throw new IllegalStateException("Issuer " + issuer
                            + ": the algorithm none is never accepted");
                }
                if (mac && keysFrom != KeysFrom.SHARED_SECRET) {
                    throw new IllegalStateException("Issuer " + issuer + " allows " + algorithm
                            + " but has no shared secret; MAC algorithms need sharedSecret(..)");
                }
                if (mac && sharedSecret.length < minimumSecretBytes(algorithm)) {
                    throw new IllegalStateException("Issuer " + issuer + " allows " + algorithm
                            + ", which needs a secret of at least " + minimumSecretBytes(algorithm)
                            + " bytes (RFC 7518 section 3.2); the secret has "
                            + sharedSecret.length);
                }
                if (!mac && keysFrom == KeysFrom.SHARED_SECRET) {
                    throw new IllegalStateException("Issuer " + issuer + " has a shared secret, "
                            + "which verifies only HS256/HS384/HS512, not " + algorithm);
                }
                if (!mac && !DEFAULT_ALGORITHMS.contains(algorithm)) {
                    throw new IllegalStateException("Issuer " + issuer
                            + ": unsupported algorithm " + algorithm);
                }
            }
        }

        private void checkTransport() {
            URI uri = keysFrom == KeysFrom.JWKS_URI ? jwksUri
                    : keysFrom == KeysFrom.DISCOVERY
                            ? (discoveryUri != null ? discoveryUri : defaultDiscoveryUri(issuer))
                            : null;
            if (uri == null) {
                return;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalStateException("Issuer " + issuer + ": keys must come over "
                        + "https, not from " + uri);
            }
            if (scheme.equals("http") && !keySourceSettings.allowInsecureHttp()
                    && !LoopbackAddresses.isLoopback(uri.getHost())) {
                throw new IllegalStateException("Issuer " + issuer + ": plain http is allowed "
                        + "only to loopback addresses, not " + uri + "; use https, or "
                        + "KeySourceSettings.allowInsecureHttp(true) if the network is trusted");
            }
        }
    }
}
