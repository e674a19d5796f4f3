package io.portcullis.policy;

import io.portcullis.policy.internal.YamlMap;
import io.portcullis.policy.internal.YamlValue;
import io.portcullis.token.TokenPrincipal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code rules} section of a policy file and compiles each rule. */
final class RuleParser {

    private static final Set<String> RULE_KEYS = Set.of("name", "description", "match",
            "public", "authenticated", "require", "mode");
    private static final Set<String> MATCH_KEYS = Set.of("methods", "paths");
    private static final Set<String> ALTERNATIVE_KEYS = Set.of("roles", "clientRoles", "scopes",
            "claims", "condition");
    private static final Set<String> REQUIRE_KEYS = Set.of("roles", "clientRoles", "scopes",
            "claims", "condition", "anyOf");
    private static final Set<String> NAMES_KEYS = Set.of("anyOf", "allOf");
    private static final Set<String> CLAIM_KEYS = Set.of("equals", "oneOf", "contains");
    private static final String TOKEN_CHARACTERS = "!#$%&'*+-.^_`|~"; // RFC 9110 section 5.6.2

    private final ConditionCompiler conditions;

    RuleParser(ConditionCompiler conditions) {
        this.conditions = conditions;
    }

    List<CompiledRule> parse(YamlValue section) throws PolicyLoadException {
        List<CompiledRule> rules = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (YamlValue item : section.asList("rules")) {
            CompiledRule rule = parseRule(item);
            Integer first = names.putIfAbsent(rule.name(), rule.line());
            if (first != null) {
                throw item.asMap("a rule").require("name", "a rule")
                        .error("duplicate rule name '" + rule.name() + "' (first used at line "
                                + first + ")");
            }
            rules.add(rule);
        }
        return rules;
    }

    private CompiledRule parseRule(YamlValue item) throws PolicyLoadException {
        YamlMap map = item.asMap("a rule");
        String name = map.require("name", "a rule").asString("name");
        String where = "rule '" + name + "'";
        map.allowOnly(where, RULE_KEYS);
        YamlMap match = map.require("match", where).asMap(where + ": match")
                .allowOnly(where + ": match", MATCH_KEYS);
        Set<String> methods = methods(match, where);
        List<PathPattern> patterns = patterns(match, where);

        boolean isPublic = map.get("public").isPresent()
                && map.get("public").get().asBoolean("public");
        boolean authenticated = map.get("authenticated").isPresent()
                && map.get("authenticated").get().asBoolean("authenticated");
        Optional<YamlValue> require = map.get("require");
        int grants = (isPublic ? 1 : 0) + (authenticated ? 1 : 0) + (require.isPresent() ? 1 : 0);
        if (grants == 0) {
            throw map.self().error(where + " grants nothing: give public: true, authenticated:"
                    + " true or require: {...}");
        }
        if (grants > 1) {
            throw map.self().error(where + " gives more than one of public, authenticated and"
                    + " require; give exactly one");
        }
        CompiledRule.Grant grant = isPublic ? CompiledRule.Grant.PUBLIC
                : authenticated ? CompiledRule.Grant.AUTHENTICATED : CompiledRule.Grant.REQUIRE;
        RequirementSet requirement = require.isPresent()
                ? requirement(require.get(), where, REQUIRE_KEYS) : null;
        return new CompiledRule(name, item.line(), methods, patterns, grant, requirement,
                audit(map, where));
    }

    /** RFC 9110 section 9 and PATCH (RFC 5789). */
    private static final List<String> KNOWN_METHOD_ORDER = List.of("GET", "HEAD", "POST", "PUT",
            "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");
    private static final Set<String> KNOWN_METHODS = Set.copyOf(KNOWN_METHOD_ORDER);

    private static Set<String> methods(YamlMap match, String where) throws PolicyLoadException {
        Optional<YamlValue> value = match.get("methods");
        if (value.isEmpty()) {
            return Set.of();
        }
        Set<String> methods = new LinkedHashSet<>();
        for (YamlValue item : value.get().asListOrSingle(where + ": methods")) {
            String method = item.asString(where + ": a method");
            if (method.equals("*")) {
                return Set.of();
            }
            for (int i = 0; i < method.length(); i++) {
                char c = method.charAt(i);
                if (!Character.isLetterOrDigit(c) || c > 0x7F) {
                    if (TOKEN_CHARACTERS.indexOf(c) < 0) {
                        throw item.error(where + ": '" + method + "' is not an HTTP method");
                    }
                }
            }
            String upper = method.toUpperCase(Locale.ROOT);
            if (!KNOWN_METHODS.contains(upper)) {
                // A misspelt method would make a rule never match, and a broader rule after it
                // decide instead.
                throw item.error(where + ": '" + method + "' is not an HTTP method; known are "
                        + String.join(", ", KNOWN_METHOD_ORDER));
            }
            methods.add(upper);
        }
        if (methods.isEmpty()) {
            throw value.get().error(where + ": methods is empty; leave it out to match any"
                    + " method");
        }
        return methods;
    }

    private static List<PathPattern> patterns(YamlMap match, String where)
            throws PolicyLoadException {
        YamlValue value = match.require("paths", where + ": match");
        List<PathPattern> patterns = new ArrayList<>();
        for (YamlValue item : value.asListOrSingle(where + ": paths")) {
            String text = item.asString(where + ": a path pattern");
            try {
                patterns.add(PathPattern.compile(text));
            } catch (IllegalArgumentException e) {
                throw item.error(where + ": path pattern '" + text + "' " + e.getMessage());
            }
        }
        if (patterns.isEmpty()) {
            throw value.error(where + ": paths must name at least one path pattern");
        }
        return patterns;
    }

    private static boolean audit(YamlMap map, String where) throws PolicyLoadException {
        Optional<YamlValue> mode = map.get("mode");
        if (mode.isEmpty()) {
            return false;
        }
        String text = mode.get().asString("mode");
        if (!text.equals("audit") && !text.equals("enforce")) {
            throw mode.get().error(where + ": mode must be enforce or audit, not '" + text + "'");
        }
        return text.equals("audit");
    }

    private RequirementSet requirement(YamlValue value, String where, Set<String> keys)
            throws PolicyLoadException {
        YamlMap map = value.asMap(where + ": require").allowOnly(where + ": require", keys);
        if (map.isEmpty()) {
            throw value.error(where + ": require names nothing; give roles, clientRoles,"
                    + " scopes, claims, condition or anyOf");
        }
        List<Check> checks = new ArrayList<>();
        if (map.get("scopes").isPresent()) {
            checks.addAll(names(map.get("scopes").get(), where + ": scopes", DenyReason.SCOPES,
                    "scopes", TokenPrincipal::scopes));
        }
        if (map.get("roles").isPresent()) {
            checks.addAll(names(map.get("roles").get(), where + ": roles", DenyReason.ROLES,
                    "roles", TokenPrincipal::roles));
        }
        if (map.get("clientRoles").isPresent()) {
            checks.addAll(clientRoles(map.get("clientRoles").get(), where));
        }
        if (map.get("claims").isPresent()) {
            checks.addAll(claims(map.get("claims").get(), where));
        }
        if (map.get("condition").isPresent()) {
            YamlValue condition = map.get("condition").get();
            condition.asString(where + ": condition");
            String location = condition.sourceName() + ":" + condition.contentLine();
            checks.add(new ConditionCheck(conditions.compile(condition, where), where, location));
        }
        List<RequirementSet> alternatives = new ArrayList<>();
        if (map.get("anyOf").isPresent()) {
            List<YamlValue> items = map.get("anyOf").get().asList(where + ": require.anyOf");
            if (items.size() < 2) {
                throw map.get("anyOf").get().error(where + ": require.anyOf needs at least two"
                        + " alternatives");
            }
            for (YamlValue alternative : items) {
                alternatives.add(requirement(alternative, where + ": an anyOf alternative",
                        ALTERNATIVE_KEYS));
            }
        }
        return new RequirementSet(checks, alternatives);
    }

    private static List<Check> names(YamlValue value, String where, DenyReason reason,
            String what, java.util.function.Function<TokenPrincipal, Set<String>> granted)
            throws PolicyLoadException {
        if (!value.isMap()) {
            throw value.error(where + " must say anyOf or allOf, such as {anyOf: [a, b]}");
        }
        YamlMap map = value.asMap(where).allowOnly(where, NAMES_KEYS);
        List<Check> checks = new ArrayList<>();
        for (YamlMap.Entry entry : map.entries()) {
            List<String> names = entry.value().asStringList(where + "." + entry.key());
            if (names.isEmpty()) {
                throw entry.value().error(where + "." + entry.key() + " must not be empty");
            }
            NameSetCheck.Mode mode = entry.key().equals("anyOf")
                    ? NameSetCheck.Mode.ANY_OF : NameSetCheck.Mode.ALL_OF;
            checks.add(new NameSetCheck(reason, mode, names, what, granted));
        }
        if (checks.isEmpty()) {
            throw value.error(where + " must say anyOf or allOf");
        }
        return checks;
    }

    private static List<Check> clientRoles(YamlValue value, String where)
            throws PolicyLoadException {
        YamlMap map = value.asMap(where + ": clientRoles (client: {anyOf: [...]})");
        if (map.isEmpty()) {
            throw value.error(where + ": clientRoles names no client");
        }
        List<Check> checks = new ArrayList<>();
        for (YamlMap.Entry entry : map.entries()) {
            String client = entry.key();
            checks.addAll(names(entry.value(), where + ": clientRoles." + client,
                    DenyReason.CLIENT_ROLES, "client roles of '" + client + "'",
                    p -> p.clientRoles(client)));
        }
        return checks;
    }

    private static List<Check> claims(YamlValue value, String where) throws PolicyLoadException {
        YamlMap map = value.asMap(where + ": claims (claim: {equals: value})");
        if (map.isEmpty()) {
            throw value.error(where + ": claims names no claim");
        }
        List<Check> checks = new ArrayList<>();
        for (YamlMap.Entry entry : map.entries()) {
            String claim = entry.key();
            String at = where + ": claims." + claim;
            if (!entry.value().isMap()) {
                throw entry.value().error(at + " must say equals, oneOf or contains, such as"
                        + " {equals: sales}");
            }
            YamlMap ops = entry.value().asMap(at).allowOnly(at, CLAIM_KEYS);
            if (ops.isEmpty()) {
                throw entry.value().error(at + " must say equals, oneOf or contains");
            }
            for (YamlMap.Entry op : ops.entries()) {
                checks.add(claim(claim, op, at));
            }
        }
        return checks;
    }

    private static Check claim(String claim, YamlMap.Entry op, String at)
            throws PolicyLoadException {
        String what = at + "." + op.key();
        switch (op.key()) {
            case "equals":
                return new ClaimCheck(claim, ClaimCheck.Operator.EQUALS,
                        List.of(op.value().asJsonScalar(what)));
            case "contains":
                return new ClaimCheck(claim, ClaimCheck.Operator.CONTAINS,
                        List.of(op.value().asJsonScalar(what)));
            default:
                List<Object> values = new ArrayList<>();
                for (YamlValue v : op.value().asList(what)) {
                    values.add(v.asJsonScalar(what));
                }
                if (values.isEmpty()) {
                    throw op.value().error(what + " must not be empty");
                }
                return new ClaimCheck(claim, ClaimCheck.Operator.ONE_OF, values);
        }
    }
}
