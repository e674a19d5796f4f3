package io.portcullis.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.examples.demo.DemoRealm.User;
import org.junit.jupiter.api.Test;

/** The demo's command line. */
class DemoOptionsTest {

    private static final String ISSUER = "http://127.0.0.1:8080/realms/prod";

    @Test
    void noOptionsMeanTheEmbeddedIssuers() throws Exception {
        assertThat(DemoOptions.parse().isEmbedded()).isTrue();
    }

    @Test
    void aRealRealmTakesClientUsersAndStaging() throws Exception {
        DemoOptions options = DemoOptions.parse("--issuer", ISSUER, "--client-id", "batch",
                "--client-secret", "s3cret", "--user", "reader:pa:ss", "--user", "admin:x",
                "--staging-issuer", "http://127.0.0.1:8080/realms/staging");
        RealmAccess realm = options.realm().orElseThrow();

        assertThat(options.isEmbedded()).isFalse();
        assertThat(realm.issuer()).isEqualTo(ISSUER);
        assertThat(realm.serviceClient()).isEqualTo("batch");
        assertThat(realm.serviceSecret()).isEqualTo("s3cret");
        assertThat(realm.passwordClient()).isEqualTo(DemoRealm.PASSWORD_CLIENT);
        assertThat(realm.password(User.READER)).contains("pa:ss");
        assertThat(realm.password(User.ADMIN)).contains("x");
        assertThat(realm.password(User.WRITER)).isEmpty();
        assertThat(realm.scopes().get(User.WRITER)).contains(DemoRealm.WRITE);
        assertThat(options.staging().orElseThrow().issuer())
                .isEqualTo("http://127.0.0.1:8080/realms/staging");
        assertThat(options.staging().orElseThrow().password(User.READER)).contains("pa:ss");
    }

    @Test
    void secretsAndPasswordsStayOutOfToString() throws Exception {
        DemoOptions options = DemoOptions.parse("--issuer", ISSUER, "--client-id", "batch",
                "--client-secret", "s3cret", "--user", "reader:hunter2");

        assertThat(options.toString()).contains(ISSUER).doesNotContain("s3cret", "hunter2");
    }

    @Test
    void aRealRealmNeedsTheClientSecret() {
        assertThatThrownBy(() -> DemoOptions.parse("--issuer", ISSUER, "--client-id", "batch"))
                .isInstanceOf(DemoOptions.UsageException.class)
                .hasMessageContaining("--client-secret");
    }

    @Test
    void unknownOptionsUsersAndMissingValuesAreRefused() {
        assertThatThrownBy(() -> DemoOptions.parse("--isuer", ISSUER))
                .hasMessageContaining("unknown option: --isuer");
        assertThatThrownBy(() -> DemoOptions.parse("--issuer"))
                .hasMessageContaining("--issuer needs a value");
        assertThatThrownBy(() -> DemoOptions.parse("--user", "mallory:x"))
                .hasMessageContaining("no such user");
        assertThatThrownBy(() -> DemoOptions.parse("--user", "reader"))
                .hasMessageContaining("NAME:PASSWORD");
        assertThatThrownBy(() -> DemoOptions.parse("--issuer", ISSUER, "--issuer", ISSUER))
                .hasMessageContaining("given twice");
    }

    @Test
    void usageFitsA100ColumnTerminal() {
        assertThat(DemoOptions.USAGE.lines())
                .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(Table.WIDTH));
    }
}
