package io.portcullis.examples.keycloak;

import java.util.Optional;

/** The users of every imported realm, with their passwords, realm roles and departments. */
public enum RealmUser {

    /** Realm role {@code reader}, department {@code support}. */
    READER("reader", Realms.READER, "support"),
    /** Realm role {@code writer}, department {@code sales}. */
    WRITER("writer", Realms.WRITER, "sales"),
    /** Realm role {@code admin}, no department. */
    ADMIN("admin", Realms.ADMIN, null),
    /** No realm role of the service; client role {@code orders-service/refund}; no department. */
    REFUNDER("refunder", null, null),
    /** Realm role {@code reader} in another department, {@code engineering}. */
    OTHER("other", Realms.READER, "engineering");

    private final String username;
    private final String role;
    private final String department;

    RealmUser(String username, String role, String department) {
        this.username = username;
        this.role = role;
        this.department = department;
    }

    /** The user name, also the {@code preferred_username} claim. */
    public String username() {
        return username;
    }

    /** The password: the user name followed by {@code -pass}. */
    public String password() {
        return username + "-pass";
    }

    /** The one realm role of the service this user holds, if any. */
    public Optional<String> role() {
        return Optional.ofNullable(role);
    }

    /** The {@code department} user attribute, mapped into the access token, if any. */
    public Optional<String> department() {
        return Optional.ofNullable(department);
    }
}
