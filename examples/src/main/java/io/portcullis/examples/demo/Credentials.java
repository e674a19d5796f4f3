package io.portcullis.examples.demo;

import io.portcullis.examples.demo.DemoRealm.User;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code Authorization} headers of the walk's callers. Real tokens come from the realm's
 * token endpoint; a tampered token is made here from a real one; expired and ID tokens come
 * from the token endpoint where it hands them out, else from a {@link Minter}. A token is
 * fetched once per caller and reused, as a client would.
 */
final class Credentials {

    /** A caller this setup cannot make a token for; the walk skips its requests. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String why) {
            super(why, null, false, false);
        }
    }

    /** Not a token: RFC 6750 section 2.1 allows exactly one after the scheme. */
    static final String MALFORMED_HEADER = "Bearer two tokens";

    private final TokenClient client;
    private final RealmAccess realm;
    private final RealmAccess staging;
    private final Minter minter;
    private final Map<Caller, String> tokens = new ConcurrentHashMap<>();
    private final Map<User, TokenClient.Tokens> signIns = new ConcurrentHashMap<>();

    /**
     * @param staging another realm with the same clients, or null to skip that row
     * @param minter signs tokens with the issuer's key, or null where there is none
     */
    Credentials(TokenClient client, RealmAccess realm, RealmAccess staging, Minter minter) {
        this.client = Objects.requireNonNull(client, "client");
        this.realm = Objects.requireNonNull(realm, "realm");
        this.staging = staging;
        this.minter = minter;
    }

    /** Returns the issuer whose tokens the callers hold. */
    String issuer() {
        return realm.issuer();
    }

    /** Returns the header {@code caller} sends; empty for none. */
    Optional<String> authorization(Caller caller) throws Unavailable {
        Objects.requireNonNull(caller, "caller");
        switch (caller) {
            case NOBODY:
                return Optional.empty();
            case MALFORMED_HEADER:
                return Optional.of(MALFORMED_HEADER);
            default:
                return Optional.of("Bearer " + token(caller));
        }
    }

    /** Returns the token of {@code caller}, fetched or made on first use. */
    String token(Caller caller) throws Unavailable {
        String token = tokens.get(caller);
        if (token == null) {
            token = make(caller);
            tokens.put(caller, token);
        }
        return token;
    }

    /** Signs {@code user} in again: a new token, signed with the realm's current key. */
    String freshToken(User user) throws Unavailable {
        return signIn(realm, user).accessToken();
    }

    private String make(Caller caller) throws Unavailable {
        switch (caller) {
            case SERVICE_ACCOUNT:
                return client.clientCredentials(realm.issuer(), realm.serviceClient(),
                        realm.serviceSecret()).accessToken();
            case STAGING:
                if (staging == null) {
                    throw new Unavailable("needs a second realm: --staging-issuer");
                }
                return client.clientCredentials(staging.issuer(), staging.serviceClient(),
                        staging.serviceSecret()).accessToken();
            case TAMPERED:
                return Forgery.withRealmRole(token(Caller.READER), "admin");
            case EXPIRED:
                if (minter == null) {
                    throw new Unavailable("a real issuer hands out no expired token");
                }
                return minter.expiredAccessToken(caller.user());
            case ID_TOKEN:
                return idToken(caller.user());
            default:
                return signedIn(caller.user()).accessToken();
        }
    }

    private String idToken(User user) throws Unavailable {
        String idToken = signedIn(user).idToken();
        if (idToken != null) {
            return idToken;
        }
        if (minter == null) {
            throw new Unavailable("the token endpoint gave no ID token");
        }
        return minter.idToken(user);
    }

    private TokenClient.Tokens signedIn(User user) throws Unavailable {
        TokenClient.Tokens held = signIns.get(user);
        if (held == null) {
            held = signIn(realm, user);
            signIns.put(user, held);
        }
        return held;
    }

    private TokenClient.Tokens signIn(RealmAccess access, User user) throws Unavailable {
        String password = access.password(user).orElseThrow(() -> new Unavailable(
                "needs the password of " + user.username() + ": --user " + user.username()
                        + ":<password>"));
        return client.password(access.issuer(), access.passwordClient(), user.username(),
                password, access.scopes().get(user));
    }
}
