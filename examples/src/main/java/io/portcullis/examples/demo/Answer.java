package io.portcullis.examples.demo;

import java.util.Objects;

/**
 * A service's answer as the table shows it: the status and the {@code reason} of the problem
 * document ({@code ok} for an allowed request). Status 0 means no answer came.
 */
record Answer(int status, String reason) {

    /** The reason of an allowed request. */
    static final String OK = "ok";

    Answer {
        Objects.requireNonNull(reason, "reason");
    }

    static Answer ok() {
        return new Answer(200, OK);
    }

    @Override
    public String toString() {
        return status == 0 ? "no answer (" + reason + ")" : status + " " + reason;
    }
}
