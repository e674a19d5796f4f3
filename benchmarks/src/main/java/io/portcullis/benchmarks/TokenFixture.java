package io.portcullis.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One signing key of one algorithm and the tokens every benchmark of that algorithm uses: a
 * genuine token shaped like a Keycloak access token, and tokens that every library must refuse
 * (tampered payload, expired, another audience, another issuer).
 *
 * <p>Keys are new for every fixture; claims are fixed, so every library sees the same bytes
 * apart from the signature. The genuine token expires in the year 2100.
 */
public final class TokenFixture {

    /** The issuer every library is configured to trust. */
    public static final String ISSUER = "https://sso.example.com/realms/benchmark";
    /** The audience every library is configured to require. */
    public static final String AUDIENCE = "orders-service";

    private static final long ISSUED_AT = 1_767_225_600L; // 2026-01-01T00:00:00Z, in seconds
    private static final long EXPIRES_AT = 4_102_444_800L; // 2100-01-01T00:00:00Z, in seconds
    private static final long EXPIRED_AT = ISSUED_AT + 300; // five minutes after issue
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 section 4), before the key. */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final Algorithm algorithm;
    private final JWK signingKey;
    private final JWSSigner signer;
    private final String token;
    private final String tampered;
    private final String expired;
    private final String otherAudience;
    private final String otherIssuer;

    private TokenFixture(Algorithm algorithm) throws JOSEException {
        this.algorithm = algorithm;
        this.signingKey = generateKey(algorithm);
        this.signer = signer(signingKey);
        this.token = sign(claims(ISSUER, AUDIENCE, EXPIRES_AT, "ada"));
        this.tampered = withPayloadOf(token, claims(ISSUER, AUDIENCE, EXPIRES_AT, "admin"));
        this.expired = sign(claims(ISSUER, AUDIENCE, EXPIRED_AT, "ada"));
        this.otherAudience = sign(claims(ISSUER, "billing-service", EXPIRES_AT, "ada"));
        this.otherIssuer = sign(claims("https://sso.example.com/realms/other", AUDIENCE,
                EXPIRES_AT, "ada"));
    }

    /** Makes a new key of {@code algorithm} and signs the tokens with it. */
    public static TokenFixture of(Algorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        try {
            return new TokenFixture(algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot make a " + algorithm + " fixture", e);
        }
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /** Returns the genuine token, which every library must accept. */
    public String token() {
        return token;
    }

    /** Returns the genuine token with another payload and the original signature. */
    public String tampered() {
        return tampered;
    }

    /** Returns a correctly signed token that expired in 2026. */
    public String expired() {
        return expired;
    }

    /** Returns a correctly signed token for another audience. */
    public String otherAudience() {
        return otherAudience;
    }

    /** Returns a correctly signed token of another issuer. */
    public String otherIssuer() {
        return otherIssuer;
    }

    /** Returns the tokens every library must refuse, by what is wrong with them. */
    public Map<String, String> refusedTokens() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("tampered payload", tampered);
        refused.put("expired", expired);
        refused.put("other audience", otherAudience);
        refused.put("other issuer", otherIssuer);
        return refused;
    }

    /**
     * Returns the key a verifier is given as a JWK: the public key, or for HS256 the shared
     * secret itself. It carries {@code kid}, {@code use: sig} and {@code alg}.
     */
    public JWK verificationJwk() {
        return algorithm.isMac() ? signingKey : signingKey.toPublicJWK();
    }

    /** Returns a JWK set holding {@link #verificationJwk()}. */
    public JWKSet jwkSet() {
        return new JWKSet(verificationJwk());
    }

    /** Returns the public key as the JDK represents it; not for HS256. */
    public PublicKey publicKey() {
        try {
            switch (algorithm) {
                case RS256:
                    return ((RSAKey) signingKey).toRSAPublicKey();
                case ES256:
                    return ((ECKey) signingKey).toECPublicKey();
                case EdDSA:
                    return ed25519PublicKey(((OctetKeyPair) signingKey).getDecodedX());
                default:
                    throw new IllegalStateException(algorithm + " has no public key");
            }
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot convert the " + algorithm + " key", e);
        }
    }

    /** Returns the shared secret as a JDK key; only for HS256. */
    public SecretKey secretKey() {
        if (!algorithm.isMac()) {
            throw new IllegalStateException(algorithm + " has no shared secret");
        }
        return new SecretKeySpec(((OctetSequenceKey) signingKey).toByteArray(), "HmacSHA256");
    }

    /** Returns the ASCII bytes of {@code header.payload} of the genuine token. */
    public byte[] signingInput() {
        return signingInputOf(token);
    }

    /** Returns the signing input of the tampered token, whose signature is the genuine one. */
    public byte[] tamperedSigningInput() {
        return signingInputOf(tampered);
    }

    /**
     * Returns the genuine signature as the JDK's {@code Signature} expects it: for ES256 the
     * JOSE form R||S (RFC 7518 section 3.4) converted to DER, otherwise as in the token.
     */
    public byte[] jcaSignature() {
        byte[] raw = Base64URL.from(token.substring(token.lastIndexOf('.') + 1)).decode();
        if (algorithm != Algorithm.ES256) {
            return raw;
        }
        try {
            return ECDSA.transcodeSignatureToDER(raw);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot convert the ES256 signature to DER", e);
        }
    }

    /** Returns the claims of a Keycloak access token, about 800 bytes of JSON, in fixed order. */
    static Map<String, Object> claims(String issuer, String audience, long expiresAt,
            String username) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("exp", expiresAt);
        claims.put("iat", ISSUED_AT);
        claims.put("auth_time", ISSUED_AT - 12);
        claims.put("jti", "onrtac:7c9e6679-7425-40de-944b-e07fc1f90ae7");
        claims.put("iss", issuer);
        claims.put("aud", List.of(audience, "account"));
        claims.put("sub", "f47ac10b-58cc-4372-a567-0e02b2c3d479");
        claims.put("typ", "Bearer");
        claims.put("azp", "orders-web");
        claims.put("sid", "1b4e28ba-2fa1-11d2-883f-0016d3cca427");
        claims.put("acr", "1");
        claims.put("allowed-origins", List.of("https://orders.example.com"));
        claims.put("realm_access", Map.of("roles", List.of("default-roles-benchmark",
                "offline_access", "uma_authorization", "orders-reader")));
        Map<String, Object> resourceAccess = new LinkedHashMap<>();
        resourceAccess.put(audience, Map.of("roles", List.of("orders:read", "orders:write")));
        resourceAccess.put("account", Map.of("roles", List.of("manage-account",
                "manage-account-links", "view-profile")));
        claims.put("resource_access", resourceAccess);
        claims.put("scope", "openid profile email");
        claims.put("email_verified", true);
        claims.put("name", "Ada Lovelace");
        claims.put("preferred_username", username);
        claims.put("given_name", "Ada");
        claims.put("family_name", "Lovelace");
        claims.put("email", username + "@example.com");
        return claims;
    }

    private String sign(Map<String, Object> claims) throws JOSEException {
        JWSHeader header = new JWSHeader.Builder(algorithm.jws())
                .keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        JWSObject jws = new JWSObject(header, new Payload(JSONObjectUtils.toJSONString(claims)));
        jws.sign(signer);
        return jws.serialize();
    }

    private static String withPayloadOf(String token, Map<String, Object> claims) {
        String payload = Base64URL.encode(
                JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8)).toString();
        int firstDot = token.indexOf('.');
        int lastDot = token.lastIndexOf('.');
        return token.substring(0, firstDot + 1) + payload + token.substring(lastDot);
    }

    private static byte[] signingInputOf(String token) {
        return token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    }

    private static JWK generateKey(Algorithm algorithm) throws JOSEException {
        String keyId = algorithm.name().toLowerCase(Locale.ROOT) + "-benchmark-key";
        switch (algorithm) {
            case RS256:
                return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE)
                        .algorithm(algorithm.jws()).generate();
            case ES256:
                return new ECKeyGenerator(Curve.P_256).keyID(keyId).keyUse(KeyUse.SIGNATURE)
                        .algorithm(algorithm.jws()).generate();
            case EdDSA:
                return new OctetKeyPairGenerator(Curve.Ed25519).keyID(keyId)
                        .keyUse(KeyUse.SIGNATURE).algorithm(algorithm.jws()).generate();
            case HS256:
                return new OctetSequenceKeyGenerator(256).keyID(keyId).keyUse(KeyUse.SIGNATURE)
                        .algorithm(algorithm.jws()).generate();
            default:
                throw new IllegalArgumentException("Unknown algorithm " + algorithm);
        }
    }

    private static JWSSigner signer(JWK key) throws JOSEException {
        if (key instanceof RSAKey) {
            return new RSASSASigner((RSAKey) key);
        }
        if (key instanceof ECKey) {
            return new ECDSASigner((ECKey) key);
        }
        if (key instanceof OctetKeyPair) {
            return new Ed25519Signer((OctetKeyPair) key);
        }
        return new MACSigner((OctetSequenceKey) key);
    }

    private static PublicKey ed25519PublicKey(byte[] x) throws GeneralSecurityException {
        byte[] encoded = new byte[ED25519_SPKI_PREFIX.length + x.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, encoded, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, encoded, ED25519_SPKI_PREFIX.length, x.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }
}
