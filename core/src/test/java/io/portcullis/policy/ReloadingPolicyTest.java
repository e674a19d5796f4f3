package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingPolicyTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final Duration NEVER_DURING_TEST = Duration.ofHours(1);

    @TempDir
    Path dir;

    private ReloadingPolicy reloading;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<Exception> failures = new CopyOnWriteArrayList<>();

    private final PolicyListener listener = new PolicyListener() {
        @Override
        public void reloaded(Policy previous, Policy current) {
            events.add(previous.ruleNames() + " -> " + current.ruleNames());
        }

        @Override
        public void reloadFailed(String sourceName, Exception failure) {
            failures.add(failure);
        }
    };

    @AfterEach
    void close() {
        if (reloading != null) {
            reloading.close();
        }
    }

    static String policyWithRule(String name) {
        return "version: 1\nrules:\n  - name: " + name + "\n    match: {paths: [/" + name
                + "]}\n    public: true\n";
    }

    private Path write(String text, int secondsAfterT0) throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(T0.plusSeconds(secondsAfterT0)));
        return file;
    }

    private ReloadingPolicy start(Path file, Duration interval) throws PolicyLoadException {
        return ReloadingPolicy.builder(PolicySource.file(file))
                .loader(PolicyLoader.builder().clock(Clock.fixed(T0, ZoneOffset.UTC)).build())
                .interval(interval)
                .listener(listener)
                .start();
    }

    @Test
    void replacesThePolicyWhenTheFileChanges() throws Exception {
        Path file = write(policyWithRule("first"), 0);
        reloading = start(file, NEVER_DURING_TEST);
        Policy first = reloading.current();

        assertThat(reloading.reloadNow()).as("unchanged file").isFalse();
        assertThat(reloading.current()).isSameAs(first);

        write(policyWithRule("second"), 10);

        assertThat(reloading.reloadNow()).isTrue();
        assertThat(reloading.current().ruleNames()).containsExactly("second");
        assertThat(reloading.current().loadedAt()).isEqualTo(T0);
        assertThat(reloading.decide(null, RequestView.of("GET", "/second")).allowed()).isTrue();
        assertThat(reloading.decide(null, RequestView.of("GET", "/first")).allowed()).isFalse();
        assertThat(events).containsExactly("[first] -> [second]");
    }

    @Test
    void keepsTheOldPolicyWhenTheNewOneIsBroken() throws Exception {
        Path file = write(policyWithRule("first"), 0);
        reloading = start(file, NEVER_DURING_TEST);
        Policy first = reloading.current();

        write(policyWithRule("second").replace("public: true", "pubic: true"), 10);

        assertThat(reloading.reloadNow()).isFalse();
        assertThat(reloading.current()).isSameAs(first);
        assertThat(reloading.decide(null, RequestView.of("GET", "/first")).allowed()).isTrue();
        assertThat(failures).singleElement()
                .isInstanceOfSatisfying(PolicyLoadException.class, e -> {
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("unknown key 'pubic'");
                });

        assertThat(reloading.reloadNow()).as("the same broken revision").isFalse();
        assertThat(failures).as("reported once").hasSize(1);

        write(policyWithRule("third"), 20);
        assertThat(reloading.reloadNow()).isTrue();
        assertThat(reloading.current().ruleNames()).containsExactly("third");
        assertThat(events).containsExactly("[first] -> [third]");
    }

    @Test
    void keepsTheOldPolicyWhenTheFileDisappears() throws Exception {
        Path file = write(policyWithRule("first"), 0);
        reloading = start(file, NEVER_DURING_TEST);

        Files.delete(file);

        assertThat(reloading.reloadNow()).isFalse();
        assertThat(reloading.current().ruleNames()).containsExactly("first");
        assertThat(failures).singleElement().isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void pollsTheFileInTheBackground() throws Exception {
        Path file = write(policyWithRule("first"), 0);
        reloading = start(file, Duration.ofMillis(100));

        write(policyWithRule("second"), 10);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> reloading.current().ruleNames().equals(List.of("second")));
        assertThat(events).containsExactly("[first] -> [second]");
    }

    @Test
    void refusesToStartWithoutAValidPolicy() throws Exception {
        Path file = write("version: 1\nrules: {}\n", 0);

        assertThatThrownBy(() -> start(file, NEVER_DURING_TEST))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("rules must be a list");
        assertThatThrownBy(() -> start(dir.resolve("missing.yaml"), NEVER_DURING_TEST))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("cannot read the policy");
    }

    @Test
    void survivesAListenerThatThrows() throws Exception {
        Path file = write(policyWithRule("first"), 0);
        reloading = start(file, NEVER_DURING_TEST);
        reloading.addListener((previous, current) -> {
            throw new IllegalStateException("listener bug");
        });

        write(policyWithRule("second"), 10);

        assertThat(reloading.reloadNow()).isTrue();
        assertThat(events).containsExactly("[first] -> [second]");
    }
}
