package io.portcullis.benchmarks;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Set;

/**
 * Nimbus JOSE+JWT's {@link DefaultJWTProcessor} over an {@link ImmutableJWKSet}, requiring the
 * issuer exactly, the audience and {@code exp}.
 *
 * <p>Limitation: its default verifier factory makes no EdDSA verifier, so EdDSA is not measured.
 */
final class NimbusContender implements Contender {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    NimbusContender(TokenFixture fixture) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(fixture.algorithm().jws(),
                new ImmutableJWKSet<>(fixture.jwkSet())));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(TokenFixture.AUDIENCE,
                new JWTClaimsSet.Builder().issuer(TokenFixture.ISSUER).build(),
                Set.of("exp")));
    }

    @Override
    public Object validate(String token) throws Exception {
        return processor.process(token, null);
    }
}
