package io.portcullis;

import io.portcullis.policy.IssuerSettings;
import io.portcullis.token.IssuerConfig;
import io.portcullis.token.TokenTypePolicy;
import java.net.URI;

/** Turns the issuers section of a policy file into validator configuration. */
final class IssuerConfigs {

    private IssuerConfigs() {
    }

    static IssuerConfig from(IssuerSettings settings) {
        IssuerConfig.Builder builder = IssuerConfig.builder(settings.issuer())
                .audiences(settings.audiences())
                .algorithmNames(settings.algorithms())
                .clockSkew(settings.clockSkew())
                .claimMapping(settings.claimMapping().toClaimMapping())
                .tokenType(settings.tokenType().isPresent() ? TokenTypePolicy.ACCESS_TOKEN
                        : TokenTypePolicy.ANY);
        if (settings.jwksUri().isPresent()) {
            builder.jwksUri(settings.jwksUri().get());
        } else {
            URI discovery = settings.discoveryUri().orElseThrow();
            builder.discovery(discovery);
        }
        return builder.build();
    }
}
