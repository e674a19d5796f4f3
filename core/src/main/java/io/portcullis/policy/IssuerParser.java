package io.portcullis.policy;

import io.portcullis.policy.internal.YamlMap;
import io.portcullis.policy.internal.YamlValue;
import io.portcullis.token.IssuerConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads and checks the {@code issuers} section of a policy file. */
final class IssuerParser {

    private static final Set<String> ISSUER_KEYS = Set.of("issuer", "jwksUri", "discovery",
            "audiences", "algorithms", "tokenType", "clockSkew", "rolePreset", "client",
            "claimMapping");
    private static final Set<String> MAPPING_KEYS = Set.of("roles", "clientRoles", "scopes");

    /** Asymmetric JWS algorithms (RFC 7518 section 3.1, RFC 8037 section 3.1). */
    private static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256",
            "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519");

    static final Duration DEFAULT_CLOCK_SKEW = IssuerConfig.DEFAULT_CLOCK_SKEW;
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    static final List<String> DEFAULT_ALGORITHMS = List.of("RS256");
    private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    private IssuerParser() {
    }

    static List<IssuerSettings> parse(YamlValue section) throws PolicyLoadException {
        List<IssuerSettings> issuers = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (YamlValue item : section.asList("issuers")) {
            IssuerSettings issuer = parseOne(item);
            Integer first = seen.putIfAbsent(issuer.issuer(), item.line());
            if (first != null) {
                throw item.error("issuer " + issuer.issuer() + " is listed twice (first at line "
                        + first + ")");
            }
            issuers.add(issuer);
        }
        return issuers;
    }

    private static IssuerSettings parseOne(YamlValue item) throws PolicyLoadException {
        YamlMap map = item.asMap("an issuer").allowOnly("an issuer", ISSUER_KEYS);
        YamlValue issuerValue = map.require("issuer", "an issuer");
        String issuer = issuerValue.asString("issuer");
        checkFetchable(issuerValue, issuer, "issuer");
        String where = "issuer " + issuer;

        Optional<URI> jwksUri = Optional.empty();
        if (map.get("jwksUri").isPresent()) {
            YamlValue v = map.get("jwksUri").get();
            jwksUri = Optional.of(checkFetchable(v, v.asString("jwksUri"), "jwksUri"));
        }
        Optional<URI> discoveryUri = discovery(map, issuer, where);
        if (jwksUri.isPresent() && discoveryUri.isPresent()) {
            throw map.self().error(where + " gives both jwksUri and discovery; give one");
        }
        if (jwksUri.isEmpty() && discoveryUri.isEmpty()) {
            throw map.self().error(where + " needs jwksUri or discovery (true, or the URL of"
                    + " the OpenID configuration document)");
        }

        List<String> audiences = map.require("audiences", where).asStringList("audiences");
        if (audiences.isEmpty()) {
            throw map.get("audiences").get().error(where + ": audiences must name at least one"
                    + " audience, so that tokens meant for other services are refused");
        }
        return new IssuerSettings(issuer, jwksUri, discoveryUri, audiences, algorithms(map),
                tokenType(map), clockSkew(map), claimMapping(map, where), item.line());
    }

    /** Reads {@code tokenType}: {@code any} (the default) or {@code access-token} (RFC 9068). */
    private static Optional<String> tokenType(YamlMap map) throws PolicyLoadException {
        Optional<YamlValue> value = map.get("tokenType");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String type = value.get().asString("tokenType");
        if (type.equals("any")) {
            return Optional.empty();
        }
        if (type.equals("access-token")) {
            return Optional.of(type);
        }
        throw value.get().error("tokenType must be 'any' or 'access-token' (RFC 9068 at+jwt),"
                + " not '" + type + "'");
    }

    private static Optional<URI> discovery(YamlMap map, String issuer, String where)
            throws PolicyLoadException {
        Optional<YamlValue> value = map.get("discovery");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        YamlValue v = value.get();
        if (v.isBoolean()) {
            if (!v.asBoolean("discovery")) {
                return Optional.empty();
            }
            String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            return Optional.of(URI.create(base + DISCOVERY_PATH));
        }
        return Optional.of(checkFetchable(v, v.asString("discovery"), "discovery"));
    }

    private static List<String> algorithms(YamlMap map) throws PolicyLoadException {
        Optional<YamlValue> value = map.get("algorithms");
        if (value.isEmpty()) {
            return DEFAULT_ALGORITHMS;
        }
        List<String> algorithms = value.get().asStringList("algorithms");
        for (String alg : algorithms) {
            if (alg.equalsIgnoreCase("none")) {
                throw value.get().error("algorithm 'none' is never accepted: it means an"
                        + " unsigned token");
            }
            if (alg.toUpperCase(Locale.ROOT).startsWith("HS")) {
                throw value.get().error("algorithm " + alg + " needs a shared secret, which a"
                        + " policy file must not hold; configure such an issuer in code");
            }
            if (!ALGORITHMS.contains(alg)) {
                throw value.get().error("unknown algorithm '" + alg + "'; expected one of "
                        + new java.util.TreeSet<>(ALGORITHMS));
            }
        }
        if (algorithms.isEmpty()) {
            throw value.get().error("algorithms must name at least one algorithm");
        }
        return algorithms;
    }

    private static Duration clockSkew(YamlMap map) throws PolicyLoadException {
        Optional<YamlValue> value = map.get("clockSkew");
        if (value.isEmpty()) {
            return DEFAULT_CLOCK_SKEW;
        }
        Duration skew = value.get().asDuration("clockSkew");
        if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw value.get().error("clockSkew must be between 0s and 5m, not " + skew);
        }
        return skew;
    }

    private static ClaimMappingSettings claimMapping(YamlMap map, String where)
            throws PolicyLoadException {
        RolePreset preset = RolePreset.KEYCLOAK;
        Optional<YamlValue> presetValue = map.get("rolePreset");
        if (presetValue.isPresent()) {
            String name = presetValue.get().asString("rolePreset");
            Optional<RolePreset> known = RolePreset.fromFileName(name);
            if (known.isEmpty()) {
                throw presetValue.get().error("unknown rolePreset '" + name
                        + "'; expected keycloak, roles or groups");
            }
            preset = known.get();
        }
        Optional<String> client = optionalString(map, "client");
        if (client.isPresent() && preset != RolePreset.KEYCLOAK) {
            throw map.get("client").get().error(where + ": client names a Keycloak client and"
                    + " needs rolePreset: keycloak");
        }

        Optional<YamlValue> overrides = map.get("claimMapping");
        if (overrides.isEmpty()) {
            return ClaimMappingSettings.of(preset, client);
        }
        YamlMap m = overrides.get().asMap("claimMapping").allowOnly("claimMapping", MAPPING_KEYS);
        List<String> roles = m.get("roles").isPresent()
                ? claimPath(m.get("roles").get(), "claimMapping.roles") : preset.rolesClaim();
        Optional<List<String>> clientRoles = m.get("clientRoles").isPresent()
                ? Optional.of(claimPath(m.get("clientRoles").get(), "claimMapping.clientRoles"))
                : preset.clientRolesClaim();
        List<String> scopes = m.get("scopes").isPresent()
                ? m.get("scopes").get().asStringList("claimMapping.scopes") : preset.scopeClaims();
        return new ClaimMappingSettings(preset, client, roles, clientRoles, scopes);
    }

    /** Reads a claim path: a list of names, or a string split at dots. */
    private static List<String> claimPath(YamlValue value, String what)
            throws PolicyLoadException {
        if (value.isList()) {
            List<String> path = value.asStringList(what);
            if (path.isEmpty()) {
                throw value.error(what + " must name at least one claim");
            }
            return path;
        }
        String text = value.asString(what);
        List<String> path = List.of(text.split("\\.", -1));
        if (path.contains("")) {
            throw value.error(what + " '" + text + "' has an empty part; write a claim name"
                    + " that contains dots as a list: [\"https://example.com/roles\"]");
        }
        return path;
    }

    private static Optional<String> optionalString(YamlMap map, String key)
            throws PolicyLoadException {
        Optional<YamlValue> value = map.get(key);
        return value.isEmpty() ? Optional.empty() : Optional.of(value.get().asString(key));
    }

    private static URI checkFetchable(YamlValue at, String text, String what)
            throws PolicyLoadException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw at.error(what + " '" + text + "' is not a URL: " + e.getReason());
        }
        String problem = UrlPolicySource.problemWithAddress(uri);
        if (problem != null) {
            throw at.error(what + " '" + text + "' " + problem);
        }
        return uri;
    }
}
