package io.portcullis.examples.keycloak;

import static io.portcullis.examples.keycloak.Realms.ORDERS_BATCH;
import static io.portcullis.examples.keycloak.Realms.ORDERS_BATCH_SECRET;
import static io.portcullis.examples.keycloak.Tokens.parse;
import static io.portcullis.examples.keycloak.Tokens.verifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** What outage tests rely on: a stopped Keycloak refuses connections; a restart keeps its data. */
class KeycloakRestartIT {

    @Test
    void restartKeepsIssuerKeysAndRealms() {
        KeycloakServer keycloak = KeycloakServer.shared();
        String realm = "prod";
        String issuer = keycloak.issuer(realm);
        SignedJWT before = parse(keycloak.clientCredentialsToken(realm, ORDERS_BATCH,
                ORDERS_BATCH_SECRET));

        keycloak.stop();

        assertThat(keycloak.isRunning()).isFalse();
        assertThatThrownBy(() -> keycloak.jwks(realm)).isInstanceOf(UncheckedIOException.class);

        keycloak.restart();

        assertThat(KeycloakServer.shared()).isSameAs(keycloak);
        assertThat(keycloak.issuer(realm)).isEqualTo(issuer);
        assertThat(keycloak.discovery(realm)).containsEntry("issuer", issuer);
        assertThat(verifies(before, keycloak.jwks(realm))).isTrue();
        SignedJWT after = parse(keycloak.clientCredentialsToken(realm, ORDERS_BATCH,
                ORDERS_BATCH_SECRET));
        assertThat(after.getHeader().getKeyID()).isEqualTo(before.getHeader().getKeyID());
        assertThat(keycloak.admin().keys(realm))
                .anySatisfy(k -> assertThat(k.kid()).isEqualTo(before.getHeader().getKeyID()));
    }
}
