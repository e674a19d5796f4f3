package io.portcullis.examples;

import io.portcullis.Portcullis;
import io.portcullis.policy.PolicyLoadException;
import java.time.Clock;
import java.util.Objects;

/**
 * What an example service is started with.
 *
 * @param issuer the issuer the service trusts, put into the rule file as {@code ORDERS_ISSUER}
 * @param port the port to listen on, 0 for a free one
 * @param clock the clock of token expiry, key caching and conditions
 */
public record ServiceSettings(String issuer, int port, Clock clock) {

    /** Services listen on loopback only: they are examples, not deployments. */
    public static final String HOST = "127.0.0.1";

    public ServiceSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535: " + port);
        }
    }

    /** Returns settings for a free port and the system clock. */
    public static ServiceSettings of(String issuer) {
        return new ServiceSettings(issuer, 0, Clock.systemUTC());
    }

    /** Returns these settings with another port. */
    public ServiceSettings withPort(int otherPort) {
        return new ServiceSettings(issuer, otherPort, clock);
    }

    /** Loads the shared rule file for {@link #issuer()}; the caller closes the result. */
    public Portcullis portcullis() throws PolicyLoadException {
        return OrdersPolicy.load(issuer, clock);
    }
}
