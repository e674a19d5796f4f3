package io.portcullis.servlet;

import io.portcullis.Portcullis;
import io.portcullis.policy.PolicyLoadException;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.time.Clock;
import java.util.Locale;

/** Reads the filter's init parameters; every mistake is a start-up failure that names it. */
final class InitParameters {

    private final FilterConfig config;

    InitParameters(FilterConfig config) {
        this.config = config;
    }

    /** Returns the gate the parameters describe: the policy file and the realm. */
    Portcullis portcullis() throws ServletException {
        String location = value(PortcullisFilter.POLICY_PARAMETER);
        if (location == null) {
            throw failure("needs the init parameter '" + PortcullisFilter.POLICY_PARAMETER
                    + "' naming a policy file (classpath:..., a path or a URL), or a "
                    + "Portcullis instance given in code", null);
        }
        String realm = value(PortcullisFilter.REALM_PARAMETER);
        try {
            return Portcullis.fromPolicy(location, Clock.systemUTC(), builder -> {
                if (realm != null) {
                    builder.realm(realm);
                }
            });
        } catch (PolicyLoadException e) {
            // The message starts with the file and line: "policy.yaml:12:5: unknown key ...".
            throw failure("cannot load its policy: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw failure("cannot use the policy " + location + ": " + e.getMessage(), e);
        }
    }

    /** Refuses the parameters that only a filter configured by its container can use. */
    void refuseGateParameters() throws ServletException {
        for (String name : new String[] {PortcullisFilter.POLICY_PARAMETER,
                PortcullisFilter.REALM_PARAMETER}) {
            if (config.getInitParameter(name) != null) {
                throw failure("was given a Portcullis instance in code and the init parameter '"
                        + name + "'; configure the policy and realm in one place only", null);
            }
        }
    }

    /** Returns the form-body option, or {@code otherwise} when the parameter is not given. */
    boolean formBodyToken(boolean otherwise) throws ServletException {
        String text = value(PortcullisFilter.FORM_BODY_TOKEN_PARAMETER);
        if (text == null) {
            return otherwise;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw failure("has the init parameter '"
                        + PortcullisFilter.FORM_BODY_TOKEN_PARAMETER + "' = '" + text
                        + "'; it must be true or false", null);
        }
    }

    /** Returns the trimmed value of a parameter, null when absent; blank is a mistake. */
    private String value(String name) throws ServletException {
        String value = config.getInitParameter(name);
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw failure("has the init parameter '" + name + "' without a value", null);
        }
        return value.trim();
    }

    private ServletException failure(String problem, Throwable cause) {
        String message = "PortcullisFilter '" + config.getFilterName() + "' " + problem;
        return cause == null ? new ServletException(message) : new ServletException(message, cause);
    }
}
