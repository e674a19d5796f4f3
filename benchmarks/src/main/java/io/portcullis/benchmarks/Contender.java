package io.portcullis.benchmarks;

/**
 * One library's full validation of a token, configured for one {@link TokenFixture}: signature,
 * issuer, audience and expiry. The benchmark times exactly the call that the correctness check
 * made, so no library is timed on a path that was not shown to refuse bad tokens.
 */
public interface Contender extends AutoCloseable {

    /**
     * Validates {@code token}; returns what the library hands an application for an accepted
     * token, and throws for a refused one.
     */
    Object validate(String token) throws Exception;

    /** Releases what the library holds (threads of an event loop, for one). */
    @Override
    default void close() {
    }
}
