package io.portcullis.examples.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What became of one step: the answer of every service (by service name, in order), or why it
 * was skipped, or why it could not be sent.
 */
record Row(Step step, Map<String, Answer> answers, String skipped, String error) {

    Row {
        Objects.requireNonNull(step, "step");
        answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    }

    static Row answered(Step step, Map<String, Answer> answers) {
        return new Row(step, answers, null, null);
    }

    static Row skipped(Step step, String why) {
        return new Row(step, Map.of(), why, null);
    }

    static Row failed(Step step, String why) {
        return new Row(step, Map.of(), null, why);
    }

    boolean isSkipped() {
        return skipped != null;
    }

    /** Returns if every service answered, and all the same. */
    boolean servicesAgree() {
        return error == null && answers.values().stream().distinct().count() <= 1;
    }

    /** Returns if every service gave the expected answer; false for a skipped step. */
    boolean asExpected() {
        return skipped == null && error == null && !answers.isEmpty()
                && answers.values().stream().allMatch(step.expected()::equals);
    }
}
