package io.portcullis.benchmarks;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.util.Set;

/**
 * SmallRye JWT's {@link DefaultJWTParser} with a {@link JWTAuthContextInfo} holding the key, the
 * issuer, the audience and the one accepted algorithm; it requires {@code exp}.
 */
final class SmallRyeContender implements Contender {

    private final DefaultJWTParser parser;

    SmallRyeContender(TokenFixture fixture) {
        JWTAuthContextInfo context = fixture.algorithm().isMac()
                ? new JWTAuthContextInfo(fixture.secretKey(), TokenFixture.ISSUER)
                : new JWTAuthContextInfo(fixture.publicKey(), TokenFixture.ISSUER);
        context.setExpectedAudience(Set.of(TokenFixture.AUDIENCE));
        context.setSignatureAlgorithm(Set.of(
                SignatureAlgorithm.fromAlgorithm(fixture.algorithm().jws().getName())));
        this.parser = new DefaultJWTParser(context);
    }

    @Override
    public Object validate(String token) throws Exception {
        return parser.parse(token);
    }
}
