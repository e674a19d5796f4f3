package io.portcullis.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the table shows answers that differ from the script or from each other. */
class TableTest {

    private final StringWriter text = new StringWriter();
    private final Table table = new Table(new PrintWriter(text, true));
    private final Step step = Step.of("reader", Caller.READER, "POST /orders", 403, "scopes");

    private List<String> lines() {
        return text.toString().lines().toList();
    }

    @Test
    void servicesThatDisagreeGetALineEachAndAreCounted() {
        Map<String, Answer> answers = new LinkedHashMap<>();
        answers.put("servlet", new Answer(403, "scopes"));
        answers.put("spring", Answer.ok());

        table.row(Row.answered(step, answers));

        assertThat(lines()).hasSize(3);
        assertThat(lines().get(0)).contains("servlet: 403 scopes").endsWith("WRONG, DIFFER");
        assertThat(lines().get(1)).contains("spring: 200 ok");
        assertThat(lines().get(2)).contains("expected 403 scopes");
        assertThat(table.wrong()).isEqualTo(1);
        assertThat(table.disagreements()).isEqualTo(1);
    }

    @Test
    void servicesThatAgreeOnAWrongAnswerShareOneLine() {
        table.row(Row.answered(step, Map.of("servlet", Answer.ok(), "spring", Answer.ok())));

        assertThat(lines().get(0)).contains("200 ok").endsWith("WRONG");
        assertThat(table.wrong()).isEqualTo(1);
        assertThat(table.disagreements()).isZero();
    }

    @Test
    void aSkippedRowSaysWhyAndIsNotWrong() {
        table.row(Row.skipped(step, "needs the password of reader"));

        assertThat(lines().get(0)).endsWith("skipped");
        assertThat(lines().get(1)).contains("skipped: needs the password of reader");
        assertThat(table.skipped()).isEqualTo(1);
        assertThat(table.wrong()).isZero();
    }

    @Test
    void aRowThatCouldNotBeSentIsWrong() {
        table.row(Row.failed(step, "getting a token for user reader failed: HTTP 401"));

        assertThat(lines().get(0)).endsWith("ERROR");
        assertThat(table.wrong()).isEqualTo(1);
    }

    @Test
    void longTextIsWrappedKeepingItsIndentation() {
        table.note("word ".repeat(40).strip());

        assertThat(lines()).hasSizeGreaterThan(1)
                .allSatisfy(line -> assertThat(line).startsWith("     word")
                        .hasSizeLessThanOrEqualTo(Table.WIDTH));
    }
}
