package io.portcullis.token;

/** Which tokens count as access tokens. */
public enum TokenTypePolicy {
    /**
     * Any JWS, as Keycloak and most issuers send plain {@code typ: JWT} access tokens. Tokens that
     * mark themselves as something else in a {@code typ} claim ({@code ID}, {@code Refresh},
     * {@code Logout}, as Keycloak does) are still refused.
     */
    ANY,
    /**
     * Only tokens whose header {@code typ} is {@code at+jwt} or {@code application/at+jwt}, as
     * RFC 9068 section 4 requires; this keeps an ID token from passing as an access token.
     */
    ACCESS_TOKEN
}
