package io.portcullis.policy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy document served over HTTPS. Once the server sent an {@code ETag}, later polls send
 * {@code If-None-Match} and a {@code 304 Not Modified} costs no download (RFC 9110 section
 * 13.1.2); without an ETag, the content hash tells whether the document changed.
 *
 * <p>Plain {@code http} is refused except to a loopback host: the policy decides who may do
 * what, and anyone on the path of a plain request could rewrite it. Redirects are not followed,
 * so the document comes from exactly the configured address.
 */
final class UrlPolicySource implements PolicySource {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String ETAG_PREFIX = "etag:";

    private final URI uri;
    private final HttpClient client;

    UrlPolicySource(URI uri, HttpClient client) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.client = Objects.requireNonNull(client, "client");
        String problem = problemWithAddress(uri);
        if (problem != null) {
            throw new IllegalArgumentException(uri + ": " + problem);
        }
    }

    static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Returns why a policy may not be fetched from {@code uri}, or null when it may. */
    static String problemWithAddress(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            return "has no host";
        }
        if (scheme.equals("https")) {
            return null;
        }
        if (scheme.equals("http")) {
            return isLoopback(uri.getHost()) ? null
                    : "plain http is allowed only for loopback addresses; use https";
        }
        return "the scheme must be https";
    }

    /**
     * Returns if {@code host} is {@code localhost}, an IPv4 literal in 127.0.0.0/8 or the IPv6
     * literal {@code ::1}. Decided on the text alone: no name is looked up.
     */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] octets = h.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            boolean digits = !octet.isEmpty() && octet.length() <= 3
                    && octet.chars().allMatch(c -> c >= '0' && c <= '9');
            if (!digits || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return octets[0].equals("127");
    }

    @Override
    public String name() {
        return uri.toString();
    }

    @Override
    public Optional<Content> readIfChanged(String knownRevision) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/yaml, application/json;q=0.9, */*;q=0.5")
                .GET();
        if (knownRevision != null && knownRevision.startsWith(ETAG_PREFIX)) {
            request.header("If-None-Match", knownRevision.substring(ETAG_PREFIX.length()));
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() == 304 && knownRevision != null) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered " + response.statusCode());
            }
            String text = Revisions.readCapped(body, name());
            Optional<String> etag = response.headers().firstValue("ETag");
            String revision = etag.map(e -> ETAG_PREFIX + e)
                    .orElseGet(() -> Revisions.hashOf(text));
            return revision.equals(knownRevision)
                    ? Optional.empty() : Optional.of(new Content(text, revision));
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
