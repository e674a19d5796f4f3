package io.portcullis.examples.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Prints rows as one table that fits a terminal 100 columns wide: one line a request with the
 * answer all services gave, one line a service where they disagree, and a last column saying
 * whether the answer was the expected one. It keeps count for the summary.
 */
final class Table {

    /** The widest line printed, in columns. */
    static final int WIDTH = 100;

    private static final String LINE = "%3s  %-20s %-31s %-27s %s";
    private static final String NOTE_INDENT = " ".repeat(5);

    private final PrintWriter out;
    private int shown;
    private int wrong;
    private int skipped;
    private int disagreements;

    Table(PrintWriter out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Prints the column headings. */
    void headings() {
        line(String.format(LINE, "#", "caller", "request", "answer", "check"));
    }

    /** Prints a section title between rows, as a line of its own. */
    void section(String title) {
        out.println();
        String head = "-- " + title + " ";
        line(head.length() >= WIDTH ? head : head + "-".repeat(WIDTH - head.length()));
    }

    /** Prints a row and counts it. */
    void row(Row row) {
        shown++;
        Step step = row.step();
        String number = Integer.toString(shown);
        if (row.isSkipped()) {
            skipped++;
            line(String.format(LINE, number, step.caller(), step.request(), "-", "skipped"));
            note("skipped: " + row.skipped());
            return;
        }
        if (row.error() != null) {
            wrong++;
            line(String.format(LINE, number, step.caller(), step.request(), "-", "ERROR"));
            note(row.error());
            return;
        }
        boolean agree = row.servicesAgree();
        if (!agree) {
            disagreements++;
        }
        if (!row.asExpected()) {
            wrong++;
        }
        List<String> answers = answerLines(row.answers(), agree);
        line(String.format(LINE, number, step.caller(), step.request(), answers.get(0),
                check(row)));
        for (String more : answers.subList(1, answers.size())) {
            line(String.format(LINE, "", "", "", more, ""));
        }
        if (!row.asExpected()) {
            note("expected " + step.expected());
        }
    }

    /** Prints text, wrapped to the width; wrapped lines keep its indentation. */
    void text(String text) {
        String indent = text.substring(0, text.length() - text.stripLeading().length());
        String rest = text;
        while (rest.length() > WIDTH) {
            int cut = rest.lastIndexOf(' ', WIDTH);
            cut = cut <= indent.length() ? WIDTH : cut;
            out.println(rest.substring(0, cut).stripTrailing());
            rest = indent + rest.substring(cut).strip();
        }
        out.println(rest);
    }

    /** Prints an explanation under a row or a section title, indented and wrapped. */
    void note(String text) {
        text(NOTE_INDENT + text);
    }

    /** Returns how many rows were printed. */
    int shown() {
        return shown;
    }

    /** Returns how many rows had an answer that was not the expected one, or none. */
    int wrong() {
        return wrong;
    }

    int skipped() {
        return skipped;
    }

    /** Returns how many rows the services answered differently. */
    int disagreements() {
        return disagreements;
    }

    private static String check(Row row) {
        if (row.asExpected()) {
            return "ok";
        }
        return row.servicesAgree() ? "WRONG" : "WRONG, DIFFER";
    }

    private static List<String> answerLines(Map<String, Answer> answers, boolean agree) {
        if (agree) {
            return List.of(answers.values().iterator().next().toString());
        }
        List<String> lines = new ArrayList<>();
        answers.forEach((service, answer) -> lines.add(service + ": " + answer));
        return lines;
    }

    private void line(String text) {
        String trimmed = text.stripTrailing();
        out.println(trimmed.length() > WIDTH ? trimmed.substring(0, WIDTH) : trimmed);
    }
}
