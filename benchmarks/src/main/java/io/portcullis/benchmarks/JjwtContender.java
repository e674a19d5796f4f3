package io.portcullis.benchmarks;

import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;

/**
 * jjwt: {@code Jwts.parser().verifyWith(key).requireIssuer().requireAudience()}, parsing signed
 * claims; it checks {@code exp} whenever the token has one.
 */
final class JjwtContender implements Contender {

    private final JwtParser parser;

    JjwtContender(TokenFixture fixture) {
        JwtParserBuilder builder = Jwts.parser();
        if (fixture.algorithm().isMac()) {
            builder.verifyWith(fixture.secretKey());
        } else {
            builder.verifyWith(fixture.publicKey());
        }
        this.parser = builder
                .requireIssuer(TokenFixture.ISSUER)
                .requireAudience(TokenFixture.AUDIENCE)
                .build();
    }

    @Override
    public Object validate(String token) {
        return parser.parseSignedClaims(token);
    }
}
