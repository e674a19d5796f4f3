package io.portcullis.policy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/** A policy document on the class path, read in full and versioned by its content hash. */
final class ClasspathPolicySource implements PolicySource {

    private final String resource;
    private final ClassLoader loader;

    ClasspathPolicySource(String resource, ClassLoader loader) {
        Objects.requireNonNull(resource, "resource");
        this.resource = resource.startsWith("/") ? resource.substring(1) : resource;
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public String name() {
        return "classpath:" + resource;
    }

    @Override
    public Optional<Content> readIfChanged(String knownRevision) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new FileNotFoundException(name() + " is not on the class path");
            }
            String text = Revisions.readCapped(in, name());
            String revision = Revisions.hashOf(text);
            return revision.equals(knownRevision)
                    ? Optional.empty() : Optional.of(new Content(text, revision));
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
