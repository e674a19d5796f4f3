package io.portcullis.policy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a policy document comes from: a class-path resource, a file or an HTTPS URL. A source
 * can tell whether the document changed since a revision it handed out, which is what
 * {@link ReloadingPolicy} polls.
 */
public interface PolicySource {

    /** The text of a policy document and the revision it has. */
    final class Content {
        private final String text;
        private final String revision;

        /** Creates content; {@code revision} is any string that changes when the text does. */
        public Content(String text, String revision) {
            this.text = Objects.requireNonNull(text, "text");
            this.revision = Objects.requireNonNull(revision, "revision");
        }

        /** Returns the document. */
        public String text() {
            return text;
        }

        /** Returns the revision: an ETag, a file time and size, or a content hash. */
        public String revision() {
            return revision;
        }
    }

    /** Returns the name used in messages: the resource, file or URL. */
    String name();

    /**
     * Reads the document unless its revision is still {@code knownRevision}.
     *
     * @param knownRevision the revision read last time, or null to read unconditionally
     * @return the content, or empty when it has not changed
     * @throws IOException when the document cannot be read
     */
    Optional<Content> readIfChanged(String knownRevision) throws IOException;

    /** Reads the document. */
    default Content read() throws IOException {
        return readIfChanged(null).orElseThrow(() -> new IOException(name() + " gave no content"));
    }

    /**
     * Returns the source a location names: {@code classpath:path/policy.yaml}, an
     * {@code https://} URL (plain {@code http://} only for a loopback host), or a file path.
     */
    static PolicySource of(String location) {
        Objects.requireNonNull(location, "location");
        if (location.startsWith("classpath:")) {
            return classpath(location.substring("classpath:".length()));
        }
        if (location.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            return url(URI.create(location)); // refuses every scheme but https (and loopback http)
        }
        return file(Path.of(location));
    }

    /**
     * Returns a class-path resource, looked up with the thread's context class loader (the
     * application's, in a container), else with this library's.
     */
    static PolicySource classpath(String resource) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return new ClasspathPolicySource(resource,
                context != null ? context : PolicySource.class.getClassLoader());
    }

    /** Returns a class-path resource, looked up with {@code loader}. */
    static PolicySource classpath(String resource, ClassLoader loader) {
        return new ClasspathPolicySource(resource, loader);
    }

    /** Returns a file; changes are seen through its modification time and size. */
    static PolicySource file(Path file) {
        return new FilePolicySource(file);
    }

    /**
     * Returns a URL fetched with the JDK's HTTP client, conditionally with
     * {@code If-None-Match} once an ETag is known.
     *
     * @throws IllegalArgumentException for a scheme other than https, or http to a host that is
     *     not loopback
     */
    static PolicySource url(URI uri) {
        return new UrlPolicySource(uri, UrlPolicySource.defaultClient());
    }

    /** Returns a URL fetched with {@code client} (for its proxy, TLS or timeout settings). */
    static PolicySource url(URI uri, HttpClient client) {
        return new UrlPolicySource(uri, client);
    }

    /** Returns a fixed document, for tests and for policies assembled in code. */
    static PolicySource ofText(String name, String text) {
        return new TextPolicySource(name, text);
    }
}
