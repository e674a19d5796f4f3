package io.portcullis.spring;

import io.portcullis.keys.KeySourceSettings;
import io.portcullis.policy.IssuerSettings;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.token.ClaimMapping;
import io.portcullis.token.IssuerConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Turns {@code portcullis.issuers} or a policy file's issuers into validator configuration. */
final class IssuerConfigs {

    private static final String ACTION = "Give each issuer exactly one key source: "
            + "discovery: true, discovery-uri, jwks-uri, or (for HS256/384/512 only) "
            + "shared-secret; name the audiences of this service; leave out none and HS* "
            + "algorithms unless a shared secret is set.";

    private IssuerConfigs() {
    }

    /** Returns the issuers of the properties, checked; each failure names its property. */
    static List<IssuerConfig> fromProperties(List<PortcullisProperties.Issuer> issuers,
            KeySourceSettings keys) {
        List<IssuerConfig> configs = new ArrayList<>();
        for (int i = 0; i < issuers.size(); i++) {
            configs.add(fromProperties("portcullis.issuers[" + i + "]", issuers.get(i), keys));
        }
        return configs;
    }

    private static IssuerConfig fromProperties(String where, PortcullisProperties.Issuer issuer,
            KeySourceSettings keys) {
        if (issuer.getIssuerUri() == null || issuer.getIssuerUri().isBlank()) {
            throw new PortcullisConfigurationException(where, "no issuer-uri is set",
                    "Set " + where + ".issuer-uri to the issuer identifier, exactly as tokens "
                            + "carry it in iss.");
        }
        String id = issuer.getIssuerUri();
        int sources = (issuer.isDiscovery() || issuer.getDiscoveryUri() != null ? 1 : 0)
                + (issuer.getJwksUri() != null ? 1 : 0)
                + (issuer.getSharedSecret() != null ? 1 : 0);
        if (sources != 1) {
            throw new PortcullisConfigurationException(where, "issuer " + id + " has "
                    + (sources == 0 ? "no key source" : sources + " key sources"), ACTION);
        }
        try {
            IssuerConfig.Builder builder = IssuerConfig.builder(id)
                    .audiences(issuer.getAudiences())
                    .tokenType(issuer.getTokenType())
                    .clockSkew(issuer.getClockSkew())
                    .claimMapping(ClaimMapping.preset(issuer.getRolePreset().fileName()))
                    .keySourceSettings(keys);
            if (issuer.isAnyAudience()) {
                builder.anyAudience();
            }
            if (!issuer.getAlgorithms().isEmpty()) {
                builder.algorithmNames(issuer.getAlgorithms());
            }
            if (issuer.getDiscoveryUri() != null) {
                builder.discovery(issuer.getDiscoveryUri());
            } else if (issuer.isDiscovery()) {
                builder.discovery();
            } else if (issuer.getJwksUri() != null) {
                builder.jwksUri(issuer.getJwksUri());
            } else {
                builder.sharedSecret(issuer.getSharedSecret().getBytes(StandardCharsets.UTF_8));
            }
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new PortcullisConfigurationException(where, e.getMessage(), ACTION, e);
        }
    }

    /**
     * Returns the issuers of a policy file, checked; a failure names the file and the line of
     * the issuer entry.
     */
    static List<IssuerConfig> fromPolicy(String sourceName, List<IssuerSettings> issuers,
            KeySourceSettings keys) throws PolicyLoadException {
        List<IssuerConfig> configs = new ArrayList<>();
        for (IssuerSettings settings : issuers) {
            try {
                configs.add(settings.toIssuerConfig().keySourceSettings(keys).build());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new PolicyLoadException(sourceName, settings.line(), 0, e.getMessage(), e);
            }
        }
        return configs;
    }
}
