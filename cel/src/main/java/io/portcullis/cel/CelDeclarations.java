package io.portcullis.cel;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.Map;
import java.util.Optional;

/**
 * The variables a condition sees, declared with their types so that the checker refuses a
 * misspelt field ({@code principal.subjet}) or a wrong comparison when the policy loads:
 *
 * <ul>
 *   <li>{@code token}: the token's claims, {@code map(string, dyn)};</li>
 *   <li>{@code principal}: {@code subject}, {@code issuer}, {@code clientId} (strings; test
 *       with {@code has(principal.clientId)}), {@code roles}, {@code scopes} (lists of
 *       strings), {@code clientRoles} ({@code map(string, list(string))});</li>
 *   <li>{@code request}: {@code method}, {@code path} (normalised), {@code headers}
 *       (lower-case name to first value) and {@code query} (name to first value);</li>
 *   <li>{@code path}: the path variables, {@code map(string, string)};</li>
 *   <li>{@code now}: the time of the decision, a {@code google.protobuf.Timestamp}.</li>
 * </ul>
 */
final class CelDeclarations {

    static final String TOKEN = "token";
    static final String PRINCIPAL = "principal";
    static final String REQUEST = "request";
    static final String PATH = "path";
    static final String NOW = "now";

    private static final CelType STRINGS = ListType.create(SimpleType.STRING);
    private static final CelType STRING_MAP = MapType.create(SimpleType.STRING, SimpleType.STRING);

    static final StructType PRINCIPAL_TYPE = struct("portcullis.Principal", ImmutableMap.of(
            "subject", SimpleType.STRING,
            "issuer", SimpleType.STRING,
            "clientId", SimpleType.STRING,
            "roles", STRINGS,
            "scopes", STRINGS,
            "clientRoles", MapType.create(SimpleType.STRING, STRINGS)));

    static final StructType REQUEST_TYPE = struct("portcullis.Request", ImmutableMap.of(
            "method", SimpleType.STRING,
            "path", SimpleType.STRING,
            "headers", STRING_MAP,
            "query", STRING_MAP));

    static final Map<String, CelType> VARIABLES = ImmutableMap.of(
            TOKEN, MapType.create(SimpleType.STRING, SimpleType.DYN),
            PRINCIPAL, PRINCIPAL_TYPE,
            REQUEST, REQUEST_TYPE,
            PATH, STRING_MAP,
            NOW, SimpleType.TIMESTAMP);

    private CelDeclarations() {
    }

    private static StructType struct(String name, ImmutableMap<String, CelType> fields) {
        return StructType.create(name, ImmutableSet.copyOf(fields.keySet()),
                field -> Optional.ofNullable(fields.get(field)));
    }

    /** Makes the two struct types known to the checker. */
    static CelTypeProvider typeProvider() {
        ImmutableList<CelType> types = ImmutableList.of(PRINCIPAL_TYPE, REQUEST_TYPE);
        return new CelTypeProvider() {
            @Override
            public ImmutableCollection<CelType> types() {
                return types;
            }

            @Override
            public Optional<CelType> findType(String typeName) {
                return types.stream().filter(t -> t.name().equals(typeName)).findFirst();
            }
        };
    }
}
