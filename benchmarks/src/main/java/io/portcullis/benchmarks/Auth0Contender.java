package io.portcullis.benchmarks;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * auth0 {@code java-jwt}: {@code JWT.require(alg).withIssuer().withAudience().build()}; it
 * checks {@code exp} whenever the token has one.
 *
 * <p>Limitation: java-jwt has no EdDSA, so EdDSA is not measured.
 */
final class Auth0Contender implements Contender {

    private final JWTVerifier verifier;

    Auth0Contender(TokenFixture fixture) {
        this.verifier = JWT.require(algorithm(fixture))
                .withIssuer(TokenFixture.ISSUER)
                .withAudience(TokenFixture.AUDIENCE)
                .build();
    }

    private static Algorithm algorithm(TokenFixture fixture) {
        switch (fixture.algorithm()) {
            case RS256:
                return Algorithm.RSA256((RSAPublicKey) fixture.publicKey(), null);
            case ES256:
                return Algorithm.ECDSA256((ECPublicKey) fixture.publicKey(), null);
            case HS256:
                return Algorithm.HMAC256(fixture.secretKey().getEncoded());
            default:
                throw new IllegalArgumentException("java-jwt has no " + fixture.algorithm());
        }
    }

    @Override
    public Object validate(String token) {
        return verifier.verify(token);
    }
}
