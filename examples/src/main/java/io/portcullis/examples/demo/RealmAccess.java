package io.portcullis.examples.demo;

import io.portcullis.examples.demo.DemoRealm.User;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the walk signs in to one realm: its issuer, the confidential client whose service account
 * it uses, the public client for password grants, the users' passwords, and the scope each user
 * asks for (null asks for nothing beyond the client's defaults).
 */
record RealmAccess(String issuer, String serviceClient, String serviceSecret,
        String passwordClient, Map<User, String> passwords, Map<User, String> scopes) {

    RealmAccess {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serviceClient, "serviceClient");
        Objects.requireNonNull(serviceSecret, "serviceSecret");
        Objects.requireNonNull(passwordClient, "passwordClient");
        passwords = passwords.isEmpty() ? Map.of() : new EnumMap<>(passwords);
        scopes = scopes.isEmpty() ? Map.of() : new EnumMap<>(scopes);
    }

    /** Returns the password of {@code user}, if the walk was given one. */
    Optional<String> password(User user) {
        return Optional.ofNullable(passwords.get(user));
    }

    /** Returns the same access for another realm with the same clients and users. */
    RealmAccess forIssuer(String otherIssuer) {
        return new RealmAccess(otherIssuer, serviceClient, serviceSecret, passwordClient,
                passwords, scopes);
    }

    @Override
    public String toString() {
        return "RealmAccess[" + issuer + ", clients " + serviceClient + " and " + passwordClient
                + ", users " + passwords.keySet() + "]";
    }
}
