package io.portcullis.examples.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of {@code bin/kc.sh start-dev} on loopback: launched with its output appended to a log
 * file, and ended by its process id, with every process it started.
 */
final class KeycloakProcess {

    /** Keycloak needs about 3 s to stop after SIGTERM; a loaded machine gets more. */
    private static final Duration TERM_GRACE = Duration.ofSeconds(20);
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 80;

    private final Process process;
    private final Path log;

    private KeycloakProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts Keycloak in dev mode on {@code 127.0.0.1:port}, importing the realm files of
     * {@code data/import}. The issuer host is fixed with {@code --hostname}: without it {@code iss}
     * would follow each request's Host header.
     */
    static KeycloakProcess launch(Path home, int port, String adminUser, String adminPassword,
            Path log) throws IOException {
        Path script = home.resolve("bin/kc.sh");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--hostname=http://127.0.0.1:" + port,
                "--import-realm");
        builder.directory(home.toFile());
        // A KC_ or QUARKUS_ variable of the caller's shell would change what is tested.
        builder.environment().keySet()
                .removeIf(k -> k.startsWith("KC_") || k.startsWith("QUARKUS_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms32m -Xmx256m");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUser);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        builder.redirectErrorStream(true);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "---- kc.sh start-dev on port " + port + " at " + Instant.now()
                + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new KeycloakProcess(builder.start(), log);
    }

    /** Returns if the launched script still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code of the launched script; only once it is no longer alive. */
    int exitValue() {
        return process.exitValue();
    }

    /** The process id of the launched script. */
    long pid() {
        return process.pid();
    }

    /**
     * Sends SIGTERM to the script and every descendant (the script forwards it to the JVM too),
     * then SIGKILL to whatever still runs after a grace period. Only processes this run started
     * are touched.
     */
    void stop() {
        List<ProcessHandle> family = new ArrayList<>();
        process.descendants().forEach(family::add);
        family.add(process.toHandle());

        family.forEach(ProcessHandle::destroy);
        List<ProcessHandle> survivors = awaitExit(family, TERM_GRACE);

        survivors.forEach(ProcessHandle::destroyForcibly);
        List<ProcessHandle> undead = awaitExit(survivors, KILL_GRACE);
        if (!undead.isEmpty()) {
            throw new IllegalStateException("Keycloak processes " + undead.stream()
                    .map(ProcessHandle::pid).toList() + " survived SIGKILL");
        }
    }

    /** The last lines of the log, for a failure message. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            int from = Math.max(0, lines.size() - LOG_TAIL_LINES);
            return String.join(System.lineSeparator(), lines.subList(from, lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Keycloak log " + log, e);
        }
    }

    private static List<ProcessHandle> awaitExit(List<ProcessHandle> handles, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<ProcessHandle> alive = new ArrayList<>();
        for (ProcessHandle handle : handles) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                alive.add(handle);
            } catch (ExecutionException e) {
                throw new IllegalStateException("waiting for process " + handle.pid(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + handle.pid(), e);
            }
        }
        return alive;
    }
}
