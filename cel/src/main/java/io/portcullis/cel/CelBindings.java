package io.portcullis.cel;

import io.portcullis.policy.RequestView;
import io.portcullis.policy.spi.ConditionContext;
import io.portcullis.token.TokenPrincipal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the values of a condition's variables for one evaluation. Structs are passed as maps:
 * the checker already proved every field access names a declared field.
 */
final class CelBindings {

    private CelBindings() {
    }

    static Map<String, Object> of(ConditionContext context) {
        Map<String, Object> variables = new HashMap<>(8);
        variables.put(CelDeclarations.TOKEN, context.principal().claims());
        variables.put(CelDeclarations.PRINCIPAL, principal(context.principal()));
        variables.put(CelDeclarations.REQUEST, request(context.request(), context.path()));
        variables.put(CelDeclarations.PATH, context.pathVariables());
        variables.put(CelDeclarations.NOW, context.now());
        return variables;
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
