package io.portcullis.examples.keycloak;

import java.util.List;

/**
 * Names and secrets of the realms the test Keycloak imports; they match
 * {@code keycloak/realms/environment-realm.json}.
 *
 * <p>The three environment realms are the same realm under three names. {@link #PROD_EC} is
 * that realm again, signing with ES256 instead of RS256.
 */
public final class Realms {

    /** One realm per environment, identical apart from the name. */
    public static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

    /** The environment realm signing with ES256 (P-256) only; its JWKS has no RSA key. */
    public static final String PROD_EC = "prod-ec";

    /** Every realm imported at start, in import order. */
    public static final List<String> ALL = List.of("dev", "staging", "prod", PROD_EC);

    /** The resource server: bearer-only, the audience of every token the realms issue. */
    public static final String ORDERS_SERVICE = "orders-service";

    /** The client role of {@link #ORDERS_SERVICE} held by {@link RealmUser#REFUNDER}. */
    public static final String REFUND_ROLE = "refund";

    /** Confidential client with a service account (client credentials grant). */
    public static final String ORDERS_BATCH = "orders-batch";

    /** The secret of {@link #ORDERS_BATCH}. */
    public static final String ORDERS_BATCH_SECRET = "orders-batch-secret";

    /** Public client for the password grant (direct access grants). */
    public static final String ORDERS_CLI = "orders-cli";

    /** Default scope of both clients. */
    public static final String SCOPE_READ = "orders:read";

    /** Default scope of {@link #ORDERS_BATCH}; optional for {@link #ORDERS_CLI}, asked for. */
    public static final String SCOPE_WRITE = "orders:write";

    /** Realm roles of the users; every user also holds {@code default-roles-<realm>}. */
    public static final String READER = "reader";
    public static final String WRITER = "writer";
    public static final String ADMIN = "admin";

    private Realms() {
    }
}
