package io.portcullis.benchmarks;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/** The libraries measured, each with the algorithms it can verify through its usual API. */
public enum Library {
    /** Portcullis, the verified-token cache off: every call verifies the signature. */
    PORTCULLIS("Portcullis (cache off)", EnumSet.allOf(Algorithm.class),
            fixture -> new PortcullisContender(fixture, /* cache= */ false)),
    /** Portcullis with the verified-token cache on; the timed calls are all hits. */
    PORTCULLIS_CACHE_HIT("Portcullis (cache hit)", EnumSet.allOf(Algorithm.class),
            fixture -> new PortcullisContender(fixture, /* cache= */ true)),
    NIMBUS("Nimbus DefaultJWTProcessor",
            EnumSet.of(Algorithm.RS256, Algorithm.ES256, Algorithm.HS256), NimbusContender::new),
    SPRING("Spring Security NimbusJwtDecoder",
            EnumSet.of(Algorithm.RS256, Algorithm.ES256, Algorithm.HS256), SpringContender::new),
    AUTH0("auth0 java-jwt",
            EnumSet.of(Algorithm.RS256, Algorithm.ES256, Algorithm.HS256), Auth0Contender::new),
    JJWT("jjwt", EnumSet.allOf(Algorithm.class), JjwtContender::new),
    JOSE4J("jose4j", EnumSet.allOf(Algorithm.class), Jose4jContender::new),
    SMALLRYE("SmallRye JWT", EnumSet.allOf(Algorithm.class), SmallRyeContender::new),
    VERTX("Vert.x JWTAuth", EnumSet.allOf(Algorithm.class), VertxContender::new);

    private final String label;
    private final Set<Algorithm> algorithms;
    private final Function<TokenFixture, Contender> factory;

    Library(String label, Set<Algorithm> algorithms, Function<TokenFixture, Contender> factory) {
        this.label = label;
        this.algorithms = algorithms;
        this.factory = factory;
    }

    /** Returns the name used in reports. */
    public String label() {
        return label;
    }

    /** Returns if this library can verify {@code algorithm}. */
    public boolean supports(Algorithm algorithm) {
        return algorithms.contains(algorithm);
    }

    /**
     * Returns this library configured for {@code fixture}, after checking that it accepts the
     * genuine token and refuses every bad one.
     *
     * @throws IllegalStateException if it does not, so that nothing wrong is ever timed
     */
    public Contender checkedContender(TokenFixture fixture) {
        if (!supports(fixture.algorithm())) {
            throw new IllegalArgumentException(label + " does not verify "
                    + fixture.algorithm());
        }
        Contender contender = factory.apply(fixture);
        try {
            Correctness.check(label, contender, fixture);
        } catch (RuntimeException e) {
            contender.close();
            throw e;
        }
        return contender;
    }
}
