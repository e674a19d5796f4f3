package io.portcullis.benchmarks;

import java.security.Key;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * jose4j's {@link JwtConsumer}: the expected issuer and audience, {@code exp} required, and only
 * the fixture's algorithm permitted.
 */
final class Jose4jContender implements Contender {

    private final JwtConsumer consumer;

    Jose4jContender(TokenFixture fixture) {
        Key key = fixture.algorithm().isMac() ? fixture.secretKey() : fixture.publicKey();
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        fixture.algorithm().jws().getName())
                .setExpectedIssuer(TokenFixture.ISSUER)
                .setExpectedAudience(TokenFixture.AUDIENCE)
                .setRequireExpirationTime()
                .build();
    }

    @Override
    public Object validate(String token) throws Exception {
        return consumer.processToClaims(token);
    }
}
