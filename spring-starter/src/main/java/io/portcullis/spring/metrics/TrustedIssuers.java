package io.portcullis.spring.metrics;

import io.portcullis.Portcullis;
import io.portcullis.token.IssuerConfig;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The issuers the application trusts, read from its {@link Portcullis} on first use (the
 * validator is built with the listeners that need this, so it cannot be read earlier).
 *
 * <p>A rejected token names whatever issuer it likes: only a configured issuer may become a
 * metric tag, so that invented issuers cannot grow the number of time series without bound.
 */
final class TrustedIssuers {

    /** The tag of an issuer that is not configured, or could not be read from the token. */
    static final String UNKNOWN = "unknown";

    private final ObjectProvider<Portcullis> portcullis;
    private volatile Set<String> issuers;

    TrustedIssuers(ObjectProvider<Portcullis> portcullis) {
        this.portcullis = portcullis;
    }

    /** Returns {@code issuer} if it is configured, otherwise {@value #UNKNOWN}. */
    String tag(String issuer) {
        Set<String> known = issuers;
        if (known == null) {
            Portcullis gate = portcullis.getIfAvailable();
            if (gate == null) {
                return UNKNOWN;
            }
            known = gate.validator().issuers().stream().map(IssuerConfig::issuer)
                    .collect(Collectors.toUnmodifiableSet());
            issuers = known;
        }
        return issuer != null && known.contains(issuer) ? issuer : UNKNOWN;
    }
}
