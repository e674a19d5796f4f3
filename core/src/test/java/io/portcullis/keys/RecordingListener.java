package io.portcullis.keys;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event a key source reports. */
final class RecordingListener implements KeyFetchListener {

    record Success(String issuer, URI uri, int keyCount, Duration duration) {
    }

    record Failed(String issuer, URI uri, Failure reason, String detail) {
    }

    record Discovered(String issuer, URI uri, URI jwksUri) {
    }

    final List<Success> successes = new CopyOnWriteArrayList<>();
    final List<Failed> failures = new CopyOnWriteArrayList<>();
    final List<Discovered> discoveries = new CopyOnWriteArrayList<>();

    @Override
    public void fetchSucceeded(String issuer, URI uri, int keyCount, Duration duration) {
        successes.add(new Success(issuer, uri, keyCount, duration));
    }

    @Override
    public void fetchFailed(String issuer, URI uri, Failure reason, String detail) {
        failures.add(new Failed(issuer, uri, reason, detail));
    }

    @Override
    public void discoverySucceeded(String issuer, URI uri, URI jwksUri, Duration duration) {
        discoveries.add(new Discovered(issuer, uri, jwksUri));
    }

    Failure lastFailure() {
        return failures.get(failures.size() - 1).reason();
    }
}
