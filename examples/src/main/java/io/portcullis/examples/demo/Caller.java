package io.portcullis.examples.demo;

import io.portcullis.examples.demo.DemoRealm.User;

/** Who sends a request of the walk, and so what its {@code Authorization} header holds. */
enum Caller {
    /** No {@code Authorization} header. */
    NOBODY(null),
    /** A header RFC 6750 does not allow: two tokens after {@code Bearer}. */
    MALFORMED_HEADER(null),
    READER(User.READER),
    WRITER(User.WRITER),
    ADMIN(User.ADMIN),
    REFUNDER(User.REFUNDER),
    OTHER(User.OTHER),
    /** The service account of the confidential client (client credentials grant). */
    SERVICE_ACCOUNT(null),
    /** The reader's claims in a token whose lifetime ended ten minutes ago. */
    EXPIRED(User.READER),
    /** The reader's token with the realm role admin written into it after signing. */
    TAMPERED(User.READER),
    /** The service account of the staging realm: right audience, wrong issuer. */
    STAGING(null),
    /** The reader's ID token, sent where an access token belongs. */
    ID_TOKEN(User.READER);

    private final User user;

    Caller(User user) {
        this.user = user;
    }

    /** Returns the user whose claims the token carries, or null. */
    User user() {
        return user;
    }
}
