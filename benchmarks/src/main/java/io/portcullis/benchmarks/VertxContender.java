package io.portcullis.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Vert.x {@link JWTAuth} with the fixture's JWK, the issuer and the audience.
 *
 * <p>{@code authenticate} returns a {@link Future}. With keys in memory Vert.x completes it on
 * the calling thread before returning; this contender takes the result at once when the future is
 * complete and otherwise blocks until it is, so the time measured is always the whole wait.
 */
final class VertxContender implements Contender {

    private final Vertx vertx;
    private final JWTAuth auth;

    VertxContender(TokenFixture fixture) {
        this.vertx = Vertx.vertx();
        JWTAuthOptions options = new JWTAuthOptions()
                .addJwk(new JsonObject(fixture.verificationJwk().toJSONObject()))
                .setJWTOptions(new JWTOptions()
                        .setIssuer(TokenFixture.ISSUER)
                        .setAudience(List.of(TokenFixture.AUDIENCE)));
        this.auth = JWTAuth.create(vertx, options);
    }

    @Override
    public Object validate(String token) throws Exception {
        Future<User> future = auth.authenticate(new TokenCredentials(token));
        if (!future.isComplete()) {
            return await(future);
        }
        if (future.failed()) {
            throw new Refused(String.valueOf(future.cause().getMessage()));
        }
        return future.result();
    }

    /** Returns if {@code authenticate} completed the future before returning, for the check. */
    boolean completesOnCallingThread(String token) {
        return auth.authenticate(new TokenCredentials(token)).isComplete();
    }

    private static User await(Future<User> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new Refused(String.valueOf(e.getCause()));
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
