package io.portcullis.spring;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells every {@link DecisionListener} bean, keeping one that fails from breaking a request. */
final class DecisionListeners {

    private static final Logger log = LoggerFactory.getLogger(DecisionListeners.class);

    private final List<DecisionListener> listeners;

    DecisionListeners(List<DecisionListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void decided(DecisionListener.Stage stage, int status, String reason) {
        for (DecisionListener listener : listeners) {
            try {
                listener.decided(stage, status, reason);
            } catch (RuntimeException e) {
                log.warn("A decision listener failed", e);
            }
        }
    }
}
