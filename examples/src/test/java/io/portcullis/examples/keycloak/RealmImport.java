package io.portcullis.examples.keycloak;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;

/**
 * Writes the realm files Keycloak imports at start, all from one template so that the
 * environment realms cannot drift apart.
 *
 * <p>{@code environment-realm.json} names the realm {@code {{realm}}}; each environment realm is
 * that text with the name filled in. The ES256 realm is the same realm with the top-level members
 * of {@code ec-signing.json} laid over it.
 */
final class RealmImport {

    private static final String TEMPLATE = "keycloak/realms/environment-realm.json";
    private static final String EC_SIGNING = "keycloak/realms/ec-signing.json";
    private static final String NAME_PLACEHOLDER = "{{realm}}";

    private RealmImport() {
    }

    /** Writes {@code <realm>-realm.json} for every realm of {@link Realms#ALL} into {@code dir}. */
    static void writeAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String realm : Realms.ENVIRONMENTS) {
            Files.writeString(dir.resolve(realm + "-realm.json"), environmentRealm(realm));
        }
        Map<String, Object> ec = parse(environmentRealm(Realms.PROD_EC));
        ec.putAll(parse(resource(EC_SIGNING)));
        Files.writeString(dir.resolve(Realms.PROD_EC + "-realm.json"),
                JSONObjectUtils.toJSONString(ec));
    }

    /** Returns the realm template with the realm's name filled in. */
    static String environmentRealm(String realm) {
        return resource(TEMPLATE).replace(NAME_PLACEHOLDER, realm);
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("a realm file is not a JSON object", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = RealmImport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
