package io.portcullis.benchmarks;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.security.interfaces.RSAPublicKey;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Spring Security's {@link NimbusJwtDecoder}: {@code withPublicKey} for RS256, {@code
 * withSecretKey} for HS256, {@code withJwkSource} for ES256, with the default validators
 * (timestamps) plus issuer and audience.
 *
 * <p>Limitation: Spring Security's {@link SignatureAlgorithm} has no EdDSA, so EdDSA is not
 * measured.
 */
final class SpringContender implements Contender {

    private final NimbusJwtDecoder decoder;

    SpringContender(TokenFixture fixture) {
        switch (fixture.algorithm()) {
            case RS256:
                decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) fixture.publicKey())
                        .signatureAlgorithm(SignatureAlgorithm.RS256).build();
                break;
            case ES256:
                decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(fixture.jwkSet()))
                        .jwsAlgorithm(SignatureAlgorithm.ES256).build();
                break;
            case HS256:
                decoder = NimbusJwtDecoder.withSecretKey(fixture.secretKey())
                        .macAlgorithm(MacAlgorithm.HS256).build();
                break;
            default:
                throw new IllegalArgumentException("Spring Security has no " + fixture.algorithm());
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(TokenFixture.ISSUER),
                new JwtAudienceValidator(TokenFixture.AUDIENCE)));
    }

    @Override
    public Object validate(String token) {
        return decoder.decode(token);
    }
}
