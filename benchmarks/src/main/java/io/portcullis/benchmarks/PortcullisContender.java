package io.portcullis.benchmarks;

import io.portcullis.keys.FixedKeySource;
import io.portcullis.token.IssuerConfig;
import io.portcullis.token.TokenValidator;
import io.portcullis.token.ValidationResult;

/**
 * Portcullis with the fixture's key in memory, the verified-token cache on or off. Keys come
 * from a {@link FixedKeySource}, so nothing is fetched; everything else is the default
 * configuration (Keycloak claim mapping, 60 s clock skew, any token type).
 */
final class PortcullisContender implements Contender {

    private final TokenValidator validator;

    PortcullisContender(TokenFixture fixture, boolean cache) {
        IssuerConfig.Builder issuer = IssuerConfig.builder(TokenFixture.ISSUER)
                .audiences(TokenFixture.AUDIENCE);
        if (fixture.algorithm().isMac()) {
            issuer.sharedSecret(fixture.secretKey().getEncoded());
        } else {
            issuer.keys(fixture.jwkSet());
        }
        TokenValidator.Builder builder = TokenValidator.builder()
                .issuer(issuer.build())
                .keySourceFactory(FixedKeySource::of);
        if (!cache) {
            builder.withoutVerifiedTokenCache();
        }
        this.validator = builder.build();
    }

    @Override
    public Object validate(String token) throws Refused {
        ValidationResult result = validator.validate(token);
        if (!result.isValid()) {
            throw new Refused(result.rejection().reason().code());
        }
        return result.principal();
    }

    @Override
    public void close() {
        validator.close();
    }
}
