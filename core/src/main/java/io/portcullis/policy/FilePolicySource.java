package io.portcullis.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy file. Its revision is its modification time and size, so polling it costs one
 * {@code stat} and reads the file only when it changed.
 *
 * <p>Limitation: a change that keeps both the modification time and the size (possible on file
 * systems with coarse timestamps when a file is rewritten twice within their resolution) is not
 * seen until the file changes again.
 */
final class FilePolicySource implements PolicySource {

    private final Path file;

    FilePolicySource(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public Optional<Content> readIfChanged(String knownRevision) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        String revision = "file:" + attributes.lastModifiedTime().toMillis()
                + ":" + attributes.size();
        if (revision.equals(knownRevision)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new Content(Revisions.readCapped(in, name()), revision));
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
