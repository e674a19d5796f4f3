package io.portcullis.cel;

import dev.cel.runtime.CelVariableResolver;
import io.portcullis.policy.RequestView;
import io.portcullis.policy.spi.ConditionContext;
import io.portcullis.token.TokenPrincipal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives a condition's variables their values for one evaluation. Structs are passed as maps: the
 * checker already proved every field access names a declared field.
 *
 * <p>A value is made only when the expression reads its variable: CEL asks the resolver by name,
 * so {@code token.tenant == path.tenant} never builds the principal's or the request's map.
 */
final class CelBindings {

    private CelBindings() {
    }

    static CelVariableResolver of(ConditionContext context) {
        return name -> Optional.ofNullable(value(context, name));
    }

    private static Object value(ConditionContext context, String name) {
        switch (name) {
            case CelDeclarations.TOKEN:
                return context.principal().claims();
            case CelDeclarations.PRINCIPAL:
                return principal(context.principal());
            case CelDeclarations.REQUEST:
                return request(context.request(), context.path());
            case CelDeclarations.PATH:
                return context.pathVariables();
            case CelDeclarations.NOW:
                return context.now();
            default:
                return null;
        }
    }

    private static Map<String, Object> principal(TokenPrincipal p) {
        Map<String, Object> fields = new HashMap<>(8);
        fields.put("subject", p.subject());
        fields.put("issuer", p.issuer());
        p.clientId().ifPresent(client -> fields.put("clientId", client));
        fields.put("roles", List.copyOf(p.roles()));
        fields.put("scopes", List.copyOf(p.scopes()));
        Map<String, List<String>> clientRoles = new HashMap<>();
        for (Map.Entry<String, Set<String>> e : p.clientRoles().entrySet()) {
            clientRoles.put(e.getKey(), List.copyOf(e.getValue()));
        }
        fields.put("clientRoles", clientRoles);
        return fields;
    }

    private static Map<String, Object> request(RequestView request, String path) {
        return Map.of(
                "method", request.method(),
                "path", path,
                "headers", firstValues(request.headers()),
                "query", firstValues(request.queryParameters()));
    }

    private static Map<String, String> firstValues(Map<String, List<String>> multi) {
        Map<String, String> first = new HashMap<>(multi.size() * 2);
        multi.forEach((name, values) -> {
            if (!values.isEmpty()) {
                first.put(name, values.get(0));
            }
        });
        return first;
    }
}
