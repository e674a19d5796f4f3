package io.portcullis.examples.demo;

import io.portcullis.examples.AdjustableClock;
import io.portcullis.examples.ExampleService;
import io.portcullis.examples.ExampleServices;
import io.portcullis.examples.OrdersPolicy;
import io.portcullis.examples.ServiceSettings;
import io.portcullis.examples.demo.DemoRealm.User;
import io.portcullis.keys.KeySourceSettings;
import io.portcullis.testkit.TestIssuer;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The demo: the orders services (one of every kind), all loading one rule file, answer a
 * scripted walk of callers, printed as one table with every answer checked against the script.
 * With the embedded issuers it then rotates the issuer's key and takes the issuer down, and
 * shows what is still served.
 *
 * <p>Exit status: 0 when every answer was the expected one and all services agreed, 1
 * otherwise, 2 for a wrong command line.
 */
public final class Demo {

    /**
     * How far the demo moves the services' clock between the rotation, the outage and the
     * recovery: past the cool-down between two refetches of the keys for unknown key ids.
     */
    static final Duration LATER = KeySourceSettings.DEFAULT_REFETCH_COOLDOWN.plusSeconds(10);

    private static final String TRUSTED = "prod";
    private static final String RULE_FILE =
            OrdersPolicy.LOCATION.substring(OrdersPolicy.LOCATION.indexOf(':') + 1);

    private final PrintWriter out;
    private final Table table;

    private Demo(PrintWriter out) {
        this.out = out;
        this.table = new Table(out);
    }

    /** Runs the demo; see {@link DemoOptions#USAGE} for the command line. */
    public static void main(String[] args) throws Exception {
        // The table is what this program is for, so it goes to standard output; logs go to
        // standard error.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out,
                StandardCharsets.UTF_8), true);
        int status;
        try {
            status = run(DemoOptions.parse(args), out);
        } catch (DemoOptions.UsageException e) {
            out.println(e.getMessage());
            out.println(DemoOptions.USAGE);
            status = 2;
        }
        out.flush();
        System.exit(status);
    }

    /** Runs the demo and returns its exit status. */
    static int run(DemoOptions options, PrintWriter out) throws Exception {
        Demo demo = new Demo(out);
        return options.isEmbedded() ? demo.embedded() : demo.againstRealm(options);
    }

    private int embedded() throws Exception {
        AdjustableClock clock = AdjustableClock.system();
        try (EmbeddedIssuers issuers = EmbeddedIssuers.start(clock)) {
            String trusted = issuers.issuer(TRUSTED).issuer();
            List<ExampleService> services = ExampleServices.startAll(
                    new ServiceSettings(trusted, 0, clock));
            try {
                Credentials credentials = new Credentials(new TokenClient(),
                        issuers.access(TRUSTED), issuers.access("staging"),
                        issuers.minter(TRUSTED));
                out.println("Portcullis demo: " + count(services.size(), "service")
                        + ", one rule file (" + RULE_FILE + "), three issuers");
                out.println();
                for (String environment : EmbeddedIssuers.ENVIRONMENTS) {
                    row("issuer", environment, issuers.issuer(environment).issuer(),
                            environment.equals(TRUSTED) ? "(trusted by the services)" : "");
                }
                services.forEach(s -> row("service", s.name(), s.baseUri().toString(), ""));

                Walk walk = new Walk(services, credentials);
                walk(walk);
                rotationAndOutage(issuers, clock, credentials, walk);
                return summary(services);
            } finally {
                ExampleServices.closeAll(services);
            }
        }
    }

    private int againstRealm(DemoOptions options) throws Exception {
        RealmAccess realm = options.realm().orElseThrow();
        List<ExampleService> services = ExampleServices.startAll(
                ServiceSettings.of(realm.issuer()));
        try {
            Credentials credentials = new Credentials(new TokenClient(), realm,
                    options.staging().orElse(null), null);
            out.println("Portcullis demo: " + count(services.size(), "service")
                    + ", one rule file (" + RULE_FILE + "), a real issuer");
            out.println();
            row("issuer", lastSegment(realm.issuer()), realm.issuer(),
                    "(trusted by the services)");
            options.staging().ifPresent(s -> row("issuer", lastSegment(s.issuer()), s.issuer(),
                    ""));
            services.forEach(s -> row("service", s.name(), s.baseUri().toString(), ""));

            walk(new Walk(services, credentials));
            out.println();
            table.text("Key rotation and an issuer outage need control of the issuer: the "
                    + "end-to-end tests show both against Keycloak (examples/README.md).");
            return summary(services);
        } finally {
            ExampleServices.closeAll(services);
        }
    }

    private void walk(Walk walk) {
        out.println();
        table.text("Each request goes to every service. answer: the status and the reason of the "
                + "problem document (ok when allowed); check: whether it is the one the script "
                + "expects.");
        table.section("Every caller, every service");
        table.headings();
        walk.run(Script.WALK).forEach(table::row);
    }

    /**
     * Rotates prod's signing key, then takes every issuer down, then brings them back, with
     * requests in between. Instead of waiting, the demo moves the clock of issuers and services
     * on by {@link #LATER} before the outage and again before the recovery: a key source
     * refetches keys for an unknown key id (or after a failed fetch) at most once per cool-down.
     */
    private void rotationAndOutage(EmbeddedIssuers issuers, AdjustableClock clock,
            Credentials credentials, Walk walk) throws Credentials.Unavailable {
        TestIssuer prod = issuers.issuer(TRUSTED);
        Minter minter = issuers.minter(TRUSTED);
        String oldToken = credentials.token(Caller.READER);

        prod.rotateKey();
        table.section("Key rotation: prod signs with a new key, the old one stays published");
        note("A token of the new key makes the services fetch prod's keys again, at once.");
        step(walk, "reader, old token", oldToken, "GET /orders", Answer.ok());
        step(walk, "reader, new key", credentials.freshToken(User.READER), "GET /orders",
                Answer.ok());

        clock.advance(LATER);
        issuers.stop();
        String knownKey = minter.accessToken(User.ADMIN);
        prod.rotateKey();
        String unknownKey = minter.accessToken(User.READER);
        table.section("Outage, " + LATER.toSeconds() + " s later: every issuer is down");
        note("(The demo moves its clock on instead of waiting.) The services check tokens "
                + "with the keys they hold. prod has meanwhile signed a token with a key no "
                + "service could fetch: 503 (retry later), not 401.");
        step(walk, "reader, old token", oldToken, "GET /orders", Answer.ok());
        step(walk, "admin, unseen token", knownKey, "GET " + Script.ORDER, Answer.ok());
        step(walk, "reader, unknown key", unknownKey, "GET /orders",
                new Answer(503, "keys_unavailable"));

        clock.advance(LATER);
        issuers.restart();
        table.section("Recovery, " + LATER.toSeconds() + " s later: the issuers are back");
        note("The next token with the unknown key makes the services fetch the keys again.");
        step(walk, "reader, unknown key", unknownKey, "GET /orders", Answer.ok());
    }

    private void note(String text) {
        table.note(text);
    }

    private void step(Walk walk, String caller, String token, String request, Answer expected) {
        String[] parts = request.split(" ", 2);
        table.row(walk.run(new Step(caller, Step.Authorization.bearer(token), parts[0],
                parts[1], expected)));
    }

    private int summary(List<ExampleService> services) {
        String names = services.stream().map(ExampleService::name)
                .collect(Collectors.joining(", "));
        int answered = table.shown() - table.skipped();
        out.println();
        table.text("Summary: " + count(table.shown(), "request") + " to "
                + count(services.size(), "service") + " (" + names + "): "
                + (answered - table.wrong()) + " as expected, " + table.wrong() + " not, "
                + table.skipped() + " skipped.");
        table.text(table.disagreements() == 0 ? "The services agreed on every answer."
                : "The services disagreed on " + count(table.disagreements(), "request") + ".");
        boolean passed = table.wrong() == 0 && table.disagreements() == 0 && answered > 0;
        return passed ? 0 : 1;
    }

    /** Returns the realm name of a Keycloak issuer, the last segment of its path. */
    private static String lastSegment(String issuer) {
        String trimmed = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private void row(String kind, String name, String uri, String note) {
        table.text(String.format("  %-8s %-8s %-42s %s", kind, name, uri, note).stripTrailing());
    }
}
