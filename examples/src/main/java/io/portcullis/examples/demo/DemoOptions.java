package io.portcullis.examples.demo;

import io.portcullis.examples.demo.DemoRealm.User;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's command line. Without options it runs its own issuers; with {@code --issuer} it
 * walks against a real realm, set up like the Keycloak realms of the end-to-end tests.
 *
 * @param realm how to sign in to the real realm; empty for the embedded issuers
 * @param staging how to sign in to a second realm with the same clients and users, if given
 */
record DemoOptions(Optional<RealmAccess> realm, Optional<RealmAccess> staging) {

    /** The command line was wrong; the message says how. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: Demo            (embedded issuers dev, staging and prod)",
            "       Demo --issuer URL --client-id ID --client-secret SECRET",
            "            [--user NAME:PASSWORD]... [--password-client ID]"
                    + " [--staging-issuer URL]",
            "",
            "  --issuer URL            the realm the services trust,",
            "                          such as http://127.0.0.1:8080/realms/prod",
            "  --client-id ID          a confidential client whose service account has the",
            "  --client-secret SECRET  scopes orders:read and orders:write",
            "  --user NAME:PASSWORD    a user of the walk, one of " + User.usernames()
                    + ";",
            "                          once for each",
            "  --password-client ID    the public client for password grants (default: "
                    + DemoRealm.PASSWORD_CLIENT + ")",
            "  --staging-issuer URL    another realm with the same clients, for the request",
            "                          with a token of another issuer",
            "",
            "Requests of callers not given are skipped. The realm must be set up like",
            "examples/src/test/resources/keycloak/realms/environment-realm.json.");

    /** Options for the embedded issuers. */
    static DemoOptions embedded() {
        return new DemoOptions(Optional.empty(), Optional.empty());
    }

    /** Reads the command line. */
    static DemoOptions parse(String... args) throws UsageException {
        Map<String, String> single = new HashMap<>();
        Map<User, String> passwords = new EnumMap<>(User.class);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!List.of("--issuer", "--client-id", "--client-secret", "--user",
                    "--password-client", "--staging-issuer").contains(flag)) {
                throw new UsageException("unknown option: " + flag);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(flag + " needs a value");
            }
            String value = args[++i];
            if (flag.equals("--user")) {
                addUser(passwords, value);
            } else if (single.put(flag, value) != null) {
                throw new UsageException(flag + " is given twice");
            }
        }
        if (single.isEmpty() && passwords.isEmpty()) {
            return embedded();
        }
        String issuer = required(single, "--issuer");
        RealmAccess realm = new RealmAccess(issuer, required(single, "--client-id"),
                required(single, "--client-secret"),
                single.getOrDefault("--password-client", DemoRealm.PASSWORD_CLIENT),
                passwords, keycloakScopes());
        return new DemoOptions(Optional.of(realm),
                Optional.ofNullable(single.get("--staging-issuer")).map(realm::forIssuer));
    }

    /** Returns if the walk runs against the embedded issuers. */
    boolean isEmbedded() {
        return realm.isEmpty();
    }

    /**
     * The scopes users ask Keycloak for: {@code openid} for an ID token, and the writer the
     * optional scope {@code orders:write}.
     */
    static Map<User, String> keycloakScopes() {
        Map<User, String> scopes = new EnumMap<>(User.class);
        for (User user : User.values()) {
            scopes.put(user, "openid");
        }
        scopes.put(User.WRITER, "openid " + DemoRealm.WRITE);
        return scopes;
    }

    private static void addUser(Map<User, String> passwords, String value)
            throws UsageException {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw new UsageException("--user needs NAME:PASSWORD, got no colon");
        }
        String name = value.substring(0, colon);
        User user = User.named(name);
        if (user == null) {
            throw new UsageException("--user " + name + ": the walk has no such user; it has "
                    + User.usernames());
        }
        passwords.put(user, value.substring(colon + 1));
    }

    private static String required(Map<String, String> single, String flag)
            throws UsageException {
        String value = single.get(flag);
        if (value == null || value.isBlank()) {
            throw new UsageException(flag + " is needed with a real issuer");
        }
        return value;
    }

    @Override
    public String toString() {
        return "DemoOptions[" + realm.map(RealmAccess::toString).orElse("embedded") + "]";
    }
}
