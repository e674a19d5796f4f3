package io.portcullis.spring;

import java.util.Objects;

/**
 * A Portcullis setting that cannot work: an issuer without a key source, the algorithm
 * {@code none}, a MAC algorithm without a secret, no issuer at all, or an endpoint annotation
 * that contradicts itself. Thrown at start-up, never at the first request; a failure analyzer
 * turns it into a readable report.
 */
public final class PortcullisConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String where;
    private final String action;

    /**
     * Creates the exception.
     *
     * @param where what is wrong, such as {@code portcullis.issuers[0]} or a controller method
     * @param problem what is wrong with it
     * @param action what the developer or operator can do about it
     */
    public PortcullisConfigurationException(String where, String problem, String action) {
        this(where, problem, action, null);
    }

    /** Creates the exception with the failure that revealed it. */
    public PortcullisConfigurationException(String where, String problem, String action,
            Throwable cause) {
        super(Objects.requireNonNull(where, "where") + ": "
                + Objects.requireNonNull(problem, "problem"), cause);
        this.where = where;
        this.action = Objects.requireNonNull(action, "action");
    }

    /** Returns what is wrong: a property prefix, a policy file or a controller method. */
    public String where() {
        return where;
    }

    /** Returns what can be done about it. */
    public String action() {
        return action;
    }
}
