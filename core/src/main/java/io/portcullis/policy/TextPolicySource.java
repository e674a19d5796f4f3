package io.portcullis.policy;

import java.util.Objects;
import java.util.Optional;

/** A policy document given as text; it never changes. */
final class TextPolicySource implements PolicySource {

    private final String name;
    private final Content content;

    TextPolicySource(String name, String text) {
        this.name = Objects.requireNonNull(name, "name");
        this.content = new Content(Objects.requireNonNull(text, "text"), Revisions.hashOf(text));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Content> readIfChanged(String knownRevision) {
        return content.revision().equals(knownRevision) ? Optional.empty() : Optional.of(content);
    }

    @Override
    public String toString() {
        return name;
    }
}
