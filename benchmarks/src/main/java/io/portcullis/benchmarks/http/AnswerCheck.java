package io.portcullis.benchmarks.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Checks over real HTTP that a server answers what its configuration must, before any figure
 * is taken: a fast server that lets everyone in, or refuses everyone, measures nothing.
 */
final class AnswerCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String token;
    private final String tokenWithoutRole;

    AnswerCheck(String token, String tokenWithoutRole) {
        this.token = token;
        this.tokenWithoutRole = tokenWithoutRole;
    }

    /**
     * Checks {@code server}: the measured request (the token with the role) is 200 with the
     * hello body; when guarded, also that no token is 401, a token without the role is 403,
     * and the public path is 200 without a token.
     *
     * @throws IllegalStateException naming the first answer that is wrong
     */
    void check(HelloServer server) throws IOException, InterruptedException {
        expect(server, "the token with the role", Hello.PATH, token, 200, Hello.BODY);
        if (!server.configuration().guarded()) {
            return;
        }
        expect(server, "no token", Hello.PATH, null, 401, null);
        expect(server, "a token without the role", Hello.PATH, tokenWithoutRole, 403, null);
        expect(server, "no token on the public path", Hello.PUBLIC_PATH, null, 200,
                Hello.PUBLIC_BODY);
    }

    private void expect(HelloServer server, String what, String path, String bearer,
            int status, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)))
                .timeout(TIMEOUT).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = client.send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status || (body != null && !body.equals(response.body()))) {
            throw new IllegalStateException(server.configuration().id() + " answered GET " + path
                    + " with " + what + " by " + response.statusCode() + " '"
                    + abbreviate(response.body()) + "', expected " + status
                    + (body == null ? "" : " '" + body + "'"));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
