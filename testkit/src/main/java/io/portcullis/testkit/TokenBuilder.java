package io.portcullis.testkit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A token to mint, shaped by default like a Keycloak access token and changed through fluent
 * setters; {@link #sign()} returns the compact JWS.
 *
 * <p>Defaults: header {@code alg} and {@code kid} of the issuer's active key and
 * {@code typ: JWT}; claims {@code exp} (issued-at plus the issuer's token lifetime, 300 s unless
 * configured), {@code iat} (the issuer's clock), {@code jti}, {@code iss}, {@code aud: account},
 * {@code sub} (a random UUID), {@code typ: Bearer}, {@code azp: test-client} and
 * {@code scope: openid profile email}. The issuer's token defaults are applied next, then the
 * test's own setters; a later setter replaces an earlier one.
 *
 * <p>Every setter accepts values meant to break validators (a foreign issuer, an expired
 * {@code exp}, a claim of the wrong JSON type, any header parameter), since that is what tests
 * need. A builder is not thread-safe; {@link #sign()} may be called again and reads the clock
 * each time.
 */
public final class TokenBuilder {

    /** Default {@code aud}, as Keycloak gives a client-credentials token. */
    static final String DEFAULT_AUDIENCE = "account";

    /** Default {@code azp}. */
    static final String DEFAULT_CLIENT_ID = "test-client";

    /** Default {@code scope}. */
    static final String DEFAULT_SCOPE = "openid profile email";

    private final TestIssuer issuer;
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private final Set<String> omittedClaims = new HashSet<>();
    private final Map<String, Object> clientRoles = new LinkedHashMap<>();
    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Set<String> omittedHeader = new HashSet<>();

    private Instant issuedAt;
    private Instant expiresAt;
    private Duration lifetime;
    private Instant notBefore;
    private boolean idToken;
    private boolean audienceSet;

    private JWSAlgorithm algorithm;
    private String signingKeyId;
    private byte[] hmacSecret;
    private boolean foreignKey;
    private boolean embedJwk;

    TokenBuilder(TestIssuer issuer) {
        this.issuer = issuer;
        this.lifetime = issuer.tokenLifetime();
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iss", issuer.issuer());
        claims.put("aud", DEFAULT_AUDIENCE);
        claims.put("sub", UUID.randomUUID().toString());
        claims.put("typ", "Bearer");
        claims.put("azp", DEFAULT_CLIENT_ID);
        claims.put("scope", DEFAULT_SCOPE);
    }

    /** Sets {@code sub}. */
    public TokenBuilder subject(String subject) {
        return claim("sub", Objects.requireNonNull(subject, "subject"));
    }

    /**
     * Sets {@code aud}: a string for one audience, an array for several or none
     * (RFC 7519 section 4.1.3 allows both forms).
     */
    public TokenBuilder audience(String... audiences) {
        List<String> list = strings("audiences", audiences);
        claim("aud", list.size() == 1 ? list.get(0) : list);
        audienceSet = true;
        return this;
    }

    /** Sets {@code azp}, the client the token was issued to (OIDC Core section 2). */
    public TokenBuilder clientId(String clientId) {
        return claim("azp", Objects.requireNonNull(clientId, "clientId"));
    }

    /** Sets {@code scope} to the scopes joined by spaces (RFC 8693 section 4.2). */
    public TokenBuilder scope(String... scopes) {
        return claim("scope", String.join(" ", strings("scopes", scopes)));
    }

    /** Sets Keycloak's {@code realm_access.roles}. */
    public TokenBuilder realmRoles(String... roles) {
        return claim("realm_access", Map.of("roles", strings("roles", roles)));
    }

    /**
     * Sets Keycloak's {@code resource_access.<client>.roles} for one client; roles set for other
     * clients stay.
     */
    public TokenBuilder clientRoles(String client, String... roles) {
        Objects.requireNonNull(client, "client");
        clientRoles.put(client, Map.of("roles", strings("roles", roles)));
        putClaim("resource_access", JsonValues.copy("resource_access", clientRoles));
        return this;
    }

    /** Sets {@code nonce} (OIDC Core section 2), mostly for {@link #idToken()}. */
    public TokenBuilder nonce(String nonce) {
        return claim("nonce", Objects.requireNonNull(nonce, "nonce"));
    }

    /** Sets {@code jti}. */
    public TokenBuilder jwtId(String jwtId) {
        return claim("jti", Objects.requireNonNull(jwtId, "jwtId"));
    }

    /** Sets {@code iss}, for instance to forge a token from an issuer nobody trusts. */
    public TokenBuilder issuer(String issuerId) {
        return claim("iss", Objects.requireNonNull(issuerId, "issuerId"));
    }

    /**
     * Sets any claim to any JSON value: {@code null}, a string, boolean, number, {@link Instant}
     * (written as epoch seconds), map with string keys, collection or array, nested as deep as
     * wanted. Setting {@code exp}, {@code iat} or {@code nbf} here writes the value as given.
     *
     * @throws IllegalArgumentException if the value has no JSON form
     */
    public TokenBuilder claim(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Object copy = JsonValues.copy(name, value);
        if (name.equals("resource_access")) {
            clientRoles.clear();
        }
        if (name.equals("aud")) {
            audienceSet = true;
        }
        putClaim(name, copy);
        return this;
    }

    /** Leaves a claim out of the token, the computed {@code exp} and {@code iat} included. */
    public TokenBuilder withoutClaim(String name) {
        Objects.requireNonNull(name, "name");
        claims.remove(name);
        omittedClaims.add(name);
        if (name.equals("resource_access")) {
            clientRoles.clear();
        }
        return this;
    }

    /** Sets {@code exp} to issued-at plus {@code lifetime}; negative makes an expired token. */
    public TokenBuilder expiresIn(Duration lifetime) {
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.expiresAt = null;
        return useComputed("exp");
    }

    /** Sets {@code exp}. */
    public TokenBuilder expiresAt(Instant expiresAt) {
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        return useComputed("exp");
    }

    /** Sets {@code iat}; an {@code exp} not set explicitly follows it. */
    public TokenBuilder issuedAt(Instant issuedAt) {
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        return useComputed("iat");
    }

    /** Sets {@code nbf}; the default token has none. */
    public TokenBuilder notBefore(Instant notBefore) {
        this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
        return useComputed("nbf");
    }

    /**
     * Makes this an ID token as Keycloak shapes one: payload {@code typ: ID}, {@code aud} the
     * client id ({@code azp}) unless set explicitly, a random {@code nonce} unless set, and no
     * {@code scope}. Presenting one as an access token must fail.
     */
    public TokenBuilder idToken() {
        idToken = true;
        claims.put("typ", "ID");
        claims.remove("scope");
        claims.putIfAbsent("nonce", UUID.randomUUID().toString());
        return this;
    }

    /** Sets the header's {@code typ}, for instance {@code at+jwt} (RFC 9068 section 2.1). */
    public TokenBuilder type(String type) {
        return header("typ", Objects.requireNonNull(type, "type"));
    }

    /** Leaves {@code typ} out of the header. */
    public TokenBuilder withoutType() {
        return withoutHeader("typ");
    }

    /** Sets the header's {@code kid}, whatever key signs. */
    public TokenBuilder keyId(String keyId) {
        return header("kid", Objects.requireNonNull(keyId, "keyId"));
    }

    /** Leaves {@code kid} out of the header. */
    public TokenBuilder withoutKeyId() {
        return withoutHeader("kid");
    }

    /**
     * Sets any header parameter to any JSON value, registered ones included ({@code jku},
     * {@code x5u}, {@code crit}, {@code b64}, even {@code alg}). The signature is still made
     * with the key and algorithm this builder picked, so an overridden {@code alg} lies.
     */
    public TokenBuilder header(String name, Object value) {
        Objects.requireNonNull(name, "name");
        header.put(name, JsonValues.copy(name, value));
        omittedHeader.remove(name);
        return this;
    }

    /** Leaves a header parameter out. */
    public TokenBuilder withoutHeader(String name) {
        Objects.requireNonNull(name, "name");
        header.remove(name);
        omittedHeader.add(name);
        return this;
    }

    /**
     * Signs with {@code algorithm}: the active key if it has that algorithm, else the newest
     * published key that does, else a new key, published but not made active. For HS256, HS384
     * and HS512 the issuer's {@link TestIssuer#sharedSecret() shared secret} is used unless
     * {@link #hmac(byte[])} gives another.
     */
    public TokenBuilder algorithm(JWSAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (!Algorithms.isHmac(algorithm) && !Algorithms.ASYMMETRIC.contains(algorithm)) {
            throw Algorithms.unsupported(algorithm);
        }
        this.algorithm = algorithm;
        return this;
    }

    /**
     * Signs with the issuer's key {@code keyId}, retired ones included, which is how a test gets a
     * token whose key left the JWKS.
     */
    public TokenBuilder signedWith(String keyId) {
        this.signingKeyId = Objects.requireNonNull(keyId, "keyId");
        return this;
    }

    /**
     * Signs with a key the issuer never published while the header keeps the {@code kid} of the
     * key that would have signed: a forgery that must fail signature verification.
     */
    public TokenBuilder signedWithForeignKey() {
        this.foreignKey = true;
        return this;
    }

    /**
     * Signs with HMAC under {@code secret} (HS256 unless {@link #algorithm} picks HS384 or HS512),
     * with no {@code kid}. A secret must have at least as many bits as the hash
     * (RFC 7518 section 3.2).
     */
    public TokenBuilder hmac(byte[] secret) {
        this.hmacSecret = Objects.requireNonNull(secret, "secret").clone();
        return this;
    }

    /**
     * Puts the signing key's public JWK in the header's {@code jwk} parameter (RFC 7515
     * section 4.1.3); with {@link #signedWithForeignKey()} this is the embedded-key attack.
     */
    public TokenBuilder embedJwk() {
        this.embedJwk = true;
        return this;
    }

    /** Returns the signed token in compact form. */
    public String sign() {
        return sign(payload());
    }

    /**
     * Returns a token signed like {@link #sign()} whose payload is {@code payload} verbatim, so
     * that tests can present a correctly signed payload that is not a JSON object, holds a
     * claim twice, or is not JSON at all.
     */
    public String signRawPayload(String payload) {
        Objects.requireNonNull(payload, "payload");
        Signing signing = signing();
        return CompactJws.sign(header(signing), payload, signing.signer, signing.algorithm);
    }

    /**
     * Returns the token unsecured: header {@code alg: none} with no {@code kid} unless one was set
     * with {@link #keyId}, and an empty signature (RFC 7519 section 6.1).
     */
    public String unsigned() {
        Map<String, Object> unsecured = new LinkedHashMap<>();
        unsecured.put("alg", "none");
        unsecured.put("typ", "JWT");
        unsecured.putAll(header);
        omittedHeader.forEach(unsecured::remove);
        return CompactJws.unsecured(unsecured, payload());
    }

    /**
     * Returns a signed token whose {@code sub} was changed after signing, so its signature no
     * longer matches.
     */
    public String tampered() {
        Map<String, Object> payload = payload();
        return tampered(payload, "sub", "tampered-" + payload.get("sub"));
    }

    /** Returns a signed token whose claim {@code name} was set to {@code value} after signing. */
    public String tampered(String name, Object value) {
        Objects.requireNonNull(name, "name");
        return tampered(payload(), name, JsonValues.copy(name, value));
    }

    /** Returns the lifetime the token endpoint reports as {@code expires_in}, in seconds. */
    long lifetimeSeconds() {
        Instant iat = issuedAtOrNow();
        return expiresAtFor(iat).getEpochSecond() - iat.getEpochSecond();
    }

    private String sign(Map<String, Object> payload) {
        return signRawPayload(JSONObjectUtils.toJSONString(payload));
    }

    private String tampered(Map<String, Object> payload, String name, Object value) {
        String token = sign(payload);
        Map<String, Object> changed = new LinkedHashMap<>(payload);
        changed.put(name, value);
        return CompactJws.withPayload(token, changed);
    }

    private TokenBuilder putClaim(String name, Object value) {
        claims.put(name, value);
        omittedClaims.remove(name);
        return this;
    }

    private TokenBuilder useComputed(String name) {
        claims.remove(name);
        omittedClaims.remove(name);
        return this;
    }

    private Instant issuedAtOrNow() {
        return issuedAt != null ? issuedAt : issuer.clock().instant();
    }

    private Instant expiresAtFor(Instant iat) {
        return expiresAt != null ? expiresAt : iat.plus(lifetime);
    }

    private Map<String, Object> payload() {
        Instant iat = issuedAtOrNow();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("exp", expiresAtFor(iat).getEpochSecond());
        payload.put("iat", iat.getEpochSecond());
        if (notBefore != null) {
            payload.put("nbf", notBefore.getEpochSecond());
        }
        payload.putAll(claims);
        if (idToken && !audienceSet && claims.get("azp") instanceof String clientId) {
            payload.put("aud", clientId);
        }
        omittedClaims.forEach(payload::remove);
        return payload;
    }

    private Map<String, Object> header(Signing signing) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("alg", signing.algorithm.getName());
        result.put("typ", "JWT");
        if (signing.keyId != null) {
            result.put("kid", signing.keyId);
        }
        if (signing.publicJwk != null) {
            result.put("jwk", signing.publicJwk.toJSONObject());
        }
        result.putAll(header);
        omittedHeader.forEach(result::remove);
        return result;
    }

    /** The key, algorithm and header {@code kid} one signature uses. */
    private record Signing(JWSSigner signer, JWSAlgorithm algorithm, String keyId,
            JWK publicJwk) {
    }

    private Signing signing() {
        boolean hmacAlgorithm = algorithm != null && Algorithms.isHmac(algorithm);
        if (hmacSecret != null || hmacAlgorithm) {
            return hmacSigning();
        }
        KeyRing.Entry key = signingKeyId != null ? issuer.keys().require(signingKeyId)
                : algorithm != null ? issuer.keys().forAlgorithm(algorithm)
                : issuer.keys().active();
        JWSAlgorithm alg = algorithm != null ? algorithm : key.algorithm;
        JWK signingKey = foreignKey ? issuer.keys().foreignKey(alg) : key.privateKey;
        JWSSigner signer = Algorithms.signer(signingKey, alg);
        return new Signing(signer, alg, key.keyId(),
                embedJwk ? signingKey.toPublicJWK() : null);
    }

    private Signing hmacSigning() {
        if (algorithm != null && !Algorithms.isHmac(algorithm)) {
            throw new IllegalStateException("hmac(secret) needs HS256, HS384 or HS512, not "
                    + algorithm);
        }
        if (signingKeyId != null || foreignKey || embedJwk) {
            throw new IllegalStateException("an HMAC token has no key pair: signedWith, "
                    + "signedWithForeignKey and embedJwk do not apply");
        }
        JWSAlgorithm alg = algorithm != null ? algorithm : JWSAlgorithm.HS256;
        byte[] secret = hmacSecret != null ? hmacSecret : issuer.sharedSecretUnsafe();
        return new Signing(Algorithms.hmacSigner(secret, alg), alg, null, null);
    }

    private static List<String> strings(String name, String... values) {
        Objects.requireNonNull(values, name);
        for (String value : values) {
            Objects.requireNonNull(value, () -> name + " holds null");
        }
        return List.copyOf(Arrays.asList(values));
    }
}
