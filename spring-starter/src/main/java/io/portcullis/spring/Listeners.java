package io.portcullis.spring;

import io.portcullis.keys.KeyFetchListener;
import io.portcullis.token.Rejection;
import io.portcullis.token.TokenPrincipal;
import io.portcullis.token.ValidationListener;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One validation listener and one key-fetch listener made of all those the application context
 * holds, since the validator takes one of each; a listener that throws is logged and the
 * others still hear the event.
 */
final class Listeners {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private Listeners() {
    }

    static ValidationListener validation(List<ValidationListener> listeners) {
        if (listeners.isEmpty()) {
            return ValidationListener.NONE;
        }
        List<ValidationListener> all = List.copyOf(listeners);
        return new ValidationListener() {
            @Override
            public void accepted(TokenPrincipal principal, boolean cacheHit, long nanos) {
                each(all, listener -> listener.accepted(principal, cacheHit, nanos));
            }

            @Override
            public void rejected(Rejection rejection, long nanos) {
                each(all, listener -> listener.rejected(rejection, nanos));
            }
        };
    }

    static KeyFetchListener keyFetch(List<KeyFetchListener> listeners) {
        if (listeners.isEmpty()) {
            return KeyFetchListener.NONE;
        }
        List<KeyFetchListener> all = List.copyOf(listeners);
        return new KeyFetchListener() {
            @Override
            public void fetchSucceeded(String issuer, URI uri, int keyCount, Duration duration) {
                each(all, listener -> listener.fetchSucceeded(issuer, uri, keyCount, duration));
            }

            @Override
            public void fetchFailed(String issuer, URI uri, Failure reason, String detail) {
                each(all, listener -> listener.fetchFailed(issuer, uri, reason, detail));
            }

            @Override
            public void discoverySucceeded(String issuer, URI uri, URI jwksUri,
                    Duration duration) {
                each(all, listener -> listener.discoverySucceeded(issuer, uri, jwksUri,
                        duration));
            }
        };
    }

    private static <T> void each(List<T> listeners, Consumer<T> event) {
        for (T listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.warn("Listener {} failed", listener, e);
            }
        }
    }
}
