package io.portcullis.examples.keycloak;

/**
 * A key of a realm as the admin API lists it.
 *
 * @param componentId the key provider component holding the key; what {@code disableKey} takes
 * @param kid the key id, as in token headers and the JWKS
 * @param algorithm the JWA name, for example {@code RS256}, {@code ES256} or {@code RSA-OAEP}
 * @param use {@code SIG} or {@code ENC}
 * @param status {@code ACTIVE} (signs), {@code PASSIVE} (only verifies) or {@code DISABLED}
 * @param priority the provider's priority; the active key of highest priority signs
 */
public record RealmKey(String componentId, String kid, String algorithm, String use,
        String status, long priority) {
}
