package io.portcullis.policy;

import io.portcullis.token.IssuerConfig;
import io.portcullis.token.TokenTypePolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One trusted issuer as the policy file's {@code issuers} section describes it, already checked:
 * the token validator is configured from these values.
 *
 * @param issuer the issuer identifier, compared exactly with a token's {@code iss} claim
 *     (RFC 9068 section 4)
 * @param jwksUri where the issuer's keys are published, when configured directly
 * @param discoveryUri the OpenID Provider configuration document to learn the JWKS URI from
 *     (OpenID Connect Discovery 1.0 section 4), when discovery is used
 * @param audiences the audiences a token must name one of (RFC 9068 section 4, {@code aud})
 * @param algorithms the JWS algorithms accepted, such as {@code RS256}; never {@code none} and
 *     never a MAC algorithm, since a policy file does not hold shared secrets
 * @param tokenType {@code access-token} when tokens must carry the RFC 9068 {@code typ} header
 *     {@code at+jwt}; empty to accept any JWS access token
 * @param clockSkew how far {@code exp}, {@code nbf} and {@code iat} may be off
 * @param claimMapping which claims carry roles, client roles and scopes
 * @param line the line of the issuer entry in the policy file, for messages
 */
public record IssuerSettings(
        String issuer,
        Optional<URI> jwksUri,
        Optional<URI> discoveryUri,
        List<String> audiences,
        List<String> algorithms,
        Optional<String> tokenType,
        Duration clockSkew,
        ClaimMappingSettings claimMapping,
        int line) {

    /** Checks and copies the components. */
    public IssuerSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwksUri, "jwksUri");
        Objects.requireNonNull(discoveryUri, "discoveryUri");
        audiences = List.copyOf(Objects.requireNonNull(audiences, "audiences"));
        algorithms = List.copyOf(Objects.requireNonNull(algorithms, "algorithms"));
        Objects.requireNonNull(tokenType, "tokenType");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(claimMapping, "claimMapping");
        if (jwksUri.isEmpty() == discoveryUri.isEmpty()) {
            throw new IllegalArgumentException("exactly one of jwksUri and discoveryUri is needed");
        }
    }

    /**
     * Returns a validator configuration builder for this issuer, so that a caller can add what
     * a policy file does not hold (such as {@code KeySourceSettings}) before building it.
     */
    public IssuerConfig.Builder toIssuerConfig() {
        IssuerConfig.Builder builder = IssuerConfig.builder(issuer)
                .audiences(audiences)
                .algorithmNames(algorithms)
                .clockSkew(clockSkew)
                .claimMapping(claimMapping.toClaimMapping())
                .tokenType(tokenType.isPresent() ? TokenTypePolicy.ACCESS_TOKEN
                        : TokenTypePolicy.ANY);
        if (jwksUri.isPresent()) {
            builder.jwksUri(jwksUri.get());
        } else {
            builder.discovery(discoveryUri.orElseThrow());
        }
        return builder;
    }

    /** Returns the role preset of the claim mapping. */
    public RolePreset rolePreset() {
        return claimMapping.preset();
    }

    /** Returns the client whose client roles the service looks at, if configured. */
    public Optional<String> client() {
        return claimMapping.client();
    }
}
