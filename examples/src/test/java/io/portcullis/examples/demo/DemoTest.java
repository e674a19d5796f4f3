package io.portcullis.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.examples.ExampleServices;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo with its embedded issuers: every answer as the script says, in a readable table. */
class DemoTest {

    static int status;
    static List<String> lines;

    @BeforeAll
    static void runTheDemo() throws Exception {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            status = Demo.run(DemoOptions.embedded(), out);
        }
        lines = text.toString().lines().toList();
    }

    @Test
    void everyAnswerIsTheExpectedOneSoTheDemoSucceeds() {
        int rows = Script.WALK.size() + 6;

        assertThat(status).as(String.join("\n", lines)).isZero();
        List<String> kinds = ExampleServices.ALL.stream().map(ExampleServices.Kind::name)
                .toList();
        assertThat(lines).contains("Summary: " + rows + " requests to " + kinds.size()
                + " services (" + String.join(", ", kinds) + "): " + rows
                + " as expected, 0 not, 0 skipped.");
        assertThat(lines).contains("The services agreed on every answer.");
        assertThat(lines).noneMatch(line -> line.contains("WRONG") || line.contains("skipped:"));
    }

    @Test
    void everyStepOfTheWalkHasARowWithItsExpectedAnswer() {
        for (int i = 0; i < Script.WALK.size(); i++) {
            Step step = Script.WALK.get(i);
            String number = String.format("%3d", i + 1);

            assertThat(lines).as("row %s", number).anyMatch(line -> line.startsWith(number)
                    && line.contains(step.request())
                    && line.contains(step.expected().toString())
                    && line.endsWith(" ok"));
        }
    }

    @Test
    void outageServesKnownKeysAndAnswersAnUnknownKeyWith503ThenRecovers() {
        List<String> outage = lines.subList(indexOf("-- Outage"), indexOf("-- Recovery"));
        List<String> recovery = lines.subList(indexOf("-- Recovery"), lines.size());

        assertThat(outage).anyMatch(line -> line.contains("reader, old token")
                && line.contains("200 ok"));
        assertThat(outage).anyMatch(line -> line.contains("reader, unknown key")
                && line.contains("503 keys_unavailable") && line.endsWith(" ok"));
        assertThat(recovery).anyMatch(line -> line.contains("reader, unknown key")
                && line.contains("200 ok") && line.endsWith(" ok"));
    }

    @Test
    void everyLineFitsA100ColumnTerminal() {
        assertThat(lines).allSatisfy(line -> assertThat(line.length())
                .as(line).isLessThanOrEqualTo(Table.WIDTH));
    }

    private static int indexOf(String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix + ":\n"
                + String.join("\n", lines));
    }
}
