package io.portcullis.examples.demo;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Changes a signed token the way an attacker would, without the issuer's key. */
final class Forgery {

    private Forgery() {
    }

    /**
     * Returns {@code token} with the realm role {@code role} added to its payload and its
     * header and signature kept: a token whose signature no longer matches what it says.
     */
    static String withRealmRole(String token, String role) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS: " + parts.length + " parts");
        }
        try {
            Map<String, Object> claims = new LinkedHashMap<>(
                    JSONObjectUtils.parse(new Base64URL(parts[1]).decodeToString()));
            Map<String, Object> access = JSONObjectUtils.getJSONObject(claims, "realm_access");
            List<Object> roles = new ArrayList<>();
            if (access != null && access.get("roles") instanceof List<?> held) {
                roles.addAll(held);
            }
            roles.add(role);
            claims.put("realm_access", Map.of("roles", roles));
            String payload = Base64URL.encode(JSONObjectUtils.toJSONString(claims)).toString();
            return parts[0] + "." + payload + "." + parts[2];
        } catch (ParseException e) {
            throw new IllegalArgumentException("the token's payload is not a JSON object", e);
        }
    }
}
