package io.portcullis.examples.demo;

import java.util.Objects;
import java.util.Optional;

/**
 * One scripted request and the answer every service must give.
 *
 * @param caller who sends it, as the table shows it
 * @param authorization how its {@code Authorization} header is made
 * @param method the HTTP method
 * @param path the path, as sent
 * @param expected the status and reason every service must answer
 */
record Step(String caller, Authorization authorization, String method, String path,
        Answer expected) {

    /** Makes the {@code Authorization} header of a step; empty for none. */
    @FunctionalInterface
    interface Authorization {
        Optional<String> header(Credentials credentials) throws Credentials.Unavailable;

        /** The header of one of the walk's callers. */
        static Authorization of(Caller caller) {
            Objects.requireNonNull(caller, "caller");
            return credentials -> credentials.authorization(caller);
        }

        /** A bearer token made before the step. */
        static Authorization bearer(String token) {
            Objects.requireNonNull(token, "token");
            return credentials -> Optional.of("Bearer " + token);
        }
    }

    Step {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(expected, "expected");
    }

    /** A step of one of the walk's callers. */
    static Step of(String caller, Caller who, String request, int status, String reason) {
        String[] parts = request.split(" ", 2);
        return new Step(caller, Authorization.of(who), parts[0], parts[1],
                new Answer(status, reason));
    }

    /** Returns {@code METHOD /path}. */
    String request() {
        return method + " " + path;
    }
}
