package io.portcullis.examples.demo;

import io.portcullis.examples.demo.DemoRealm.User;

/**
 * Makes tokens that the issuer signs but its token endpoint would not hand out: possible only
 * with the issuer's keys, so only for the embedded issuers.
 */
interface Minter {

    /** Returns an access token of {@code user} that expired ten minutes ago. */
    String expiredAccessToken(User user);

    /** Returns an ID token of {@code user} for the password client (OIDC Core section 2). */
    String idToken(User user);

    /** Returns a valid access token of {@code user}, signed with the issuer's active key. */
    String accessToken(User user);
}
