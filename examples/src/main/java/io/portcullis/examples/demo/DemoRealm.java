package io.portcullis.examples.demo;

import java.util.Arrays;
import java.util.List;

/**
 * The clients and users the walk relies on in every realm, the same names as the Keycloak
 * realms of the end-to-end tests ({@code src/test/resources/keycloak/realms/}); the embedded
 * issuers are set up to match them.
 */
final class DemoRealm {

    /** The resource server: every token's audience, and the client of the client role. */
    static final String ORDERS_SERVICE = "orders-service";
    /** The client role of {@link #ORDERS_SERVICE} that refunds need. */
    static final String REFUND_ROLE = "refund";
    /** A confidential client whose service account reads and writes orders. */
    static final String BATCH_CLIENT = "orders-batch";
    static final String BATCH_SECRET = "orders-batch-secret";
    /** A public client that signs users in with their password. */
    static final String PASSWORD_CLIENT = "orders-cli";

    static final String READ = "orders:read";
    static final String WRITE = "orders:write";

    /** A user of the realm, as the walk needs them. */
    enum User {
        READER("reader", "reader", "support"),
        WRITER("writer", "writer", "sales"),
        ADMIN("admin", "admin", null),
        REFUNDER("refunder", null, null),
        OTHER("other", "reader", "engineering");

        private final String username;
        private final String realmRole;
        private final String department;

        User(String username, String realmRole, String department) {
            this.username = username;
            this.realmRole = realmRole;
            this.department = department;
        }

        String username() {
            return username;
        }

        /** The realm role the user holds besides the default roles; null for none. */
        String realmRole() {
            return realmRole;
        }

        /** The user attribute {@code department}; null for none. */
        String department() {
            return department;
        }

        /** The password in the realms of this module: the user name and {@code -pass}. */
        String defaultPassword() {
            return username + "-pass";
        }

        /** Returns the user called {@code username}, or null. */
        static User named(String username) {
            for (User user : values()) {
                if (user.username.equals(username)) {
                    return user;
                }
            }
            return null;
        }

        static List<String> usernames() {
            return Arrays.stream(values()).map(User::username).toList();
        }
    }

    private DemoRealm() {
    }
}
