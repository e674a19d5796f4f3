package io.portcullis.token;

import io.portcullis.keys.KeySource;

/** A configured issuer at run time: its configuration, claim checks and key source. */
final class Issuer {

    final IssuerConfig config;
    final ClaimChecks checks;
    final KeySource keys;

    Issuer(IssuerConfig config, KeySource keys) {
        this.config = config;
        this.checks = new ClaimChecks(config);
        this.keys = keys;
    }
}
