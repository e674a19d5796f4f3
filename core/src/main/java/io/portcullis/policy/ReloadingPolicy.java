package io.portcullis.policy;

import io.portcullis.token.TokenPrincipal;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy that follows its source: it polls the file's modification time, or the URL with
 * {@code If-None-Match}, and swaps in a new version atomically, only once that version loaded
 * completely. A version that fails to load is logged at {@code error} (once per revision) and
 * the one in force stays, so a typo pushed to production never opens or closes the service.
 *
 * <p>Decisions read the current version from an {@link AtomicReference}, so a request is decided
 * wholly by one version, and reloads never block requests.
 */
public final class ReloadingPolicy implements PolicyEngine, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingPolicy.class);

    /** How often the source is polled unless configured otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    private final PolicySource source;
    private final PolicyLoader loader;
    private final AtomicReference<Policy> current;
    private final List<PolicyListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor;
    private final boolean ownsExecutor;
    private final ScheduledFuture<?> poll;
    private final Object reloadLock = new Object();
    private String knownRevision; // guarded by reloadLock
    private String failedRevision; // guarded by reloadLock
    private boolean readFailing; // guarded by reloadLock

    private ReloadingPolicy(Builder b, Policy initial) {
        this.source = b.source;
        this.loader = b.loader;
        this.current = new AtomicReference<>(initial);
        this.knownRevision = initial.revision();
        this.listeners.addAll(b.listeners);
        this.ownsExecutor = b.executor == null;
        this.executor = ownsExecutor ? newExecutor() : b.executor;
        long millis = b.interval.toMillis();
        this.poll = executor.scheduleWithFixedDelay(this::reloadQuietly, millis, millis,
                TimeUnit.MILLISECONDS);
    }

    private static ScheduledExecutorService newExecutor() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "portcullis-policy-reload");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Loads {@code source} and follows it with the default loader and interval. */
    public static ReloadingPolicy start(PolicySource source) throws PolicyLoadException {
        return builder(source).start();
    }

    /** Starts configuring a reloading policy for {@code source}. */
    public static Builder builder(PolicySource source) {
        return new Builder(source);
    }

    @Override
    public Decision decide(TokenPrincipal principal, RequestView request) {
        return current.get().decide(principal, request);
    }

    @Override
    public Decision decideRule(String ruleName, TokenPrincipal principal, RequestView request) {
        return current.get().decideRule(ruleName, principal, request);
    }

    @Override
    public boolean hasRule(String ruleName) {
        return current.get().hasRule(ruleName);
    }

    /** Returns the version in force. */
    public Policy current() {
        return current.get();
    }

    /** Adds a listener for later reloads. */
    public void addListener(PolicyListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Checks the source now, as the next poll would; never throws.
     *
     * @return true when a new version replaced the one in force
     */
    public boolean reloadNow() {
        synchronized (reloadLock) {
            Optional<PolicySource.Content> changed;
            try {
                changed = source.readIfChanged(knownRevision);
            } catch (IOException | RuntimeException e) {
                failed(null, e, "cannot read it: " + e.getMessage());
                return false;
            }
            readFailing = false;
            if (changed.isEmpty()) {
                return false;
            }
            PolicySource.Content content = changed.get();
            if (content.revision().equals(failedRevision)) {
                return false;
            }
            Policy next;
            try {
                next = loader.compile(content, source.name());
            } catch (PolicyLoadException e) {
                failed(content.revision(), e, e.getMessage());
                return false;
            }
            Policy previous = current.getAndSet(next);
            knownRevision = content.revision();
            failedRevision = null;
            LOG.info("Reloaded policy {}: {} rules, {} issuers (revision {})", source.name(),
                    next.ruleNames().size(), next.issuers().size(), next.revision());
            notifyReloaded(previous, next);
            return true;
        }
    }

    private void failed(String revision, Exception failure, String message) {
        if (revision != null) {
            failedRevision = revision;
        }
        if (revision == null && readFailing) {
            // An unreachable source is logged at error once, not at every poll.
            LOG.debug("Policy {} still cannot be read: {}", source.name(), message);
        } else {
            LOG.error("Policy {} was not reloaded, the version loaded at {} stays in force: {}",
                    source.name(), current.get().loadedAt(), message);
        }
        readFailing = revision == null;
        for (PolicyListener listener : listeners) {
            try {
                listener.reloadFailed(source.name(), failure);
            } catch (RuntimeException e) {
                LOG.warn("A policy listener failed", e);
            }
        }
    }

    private void notifyReloaded(Policy previous, Policy next) {
        for (PolicyListener listener : listeners) {
            try {
                listener.reloaded(previous, next);
            } catch (RuntimeException e) {
                LOG.warn("A policy listener failed", e);
            }
        }
    }

    private void reloadQuietly() {
        try {
            reloadNow();
        } catch (RuntimeException | Error e) {
            // Thrown out of a scheduled task, it would silently end all later polls.
            LOG.error("Policy reload of {} failed unexpectedly", source.name(), e);
        }
    }

    /** Stops polling; the version in force keeps deciding. */
    @Override
    public void close() {
        poll.cancel(false);
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }

    /** Configures a {@link ReloadingPolicy}. */
    public static final class Builder {
        private final PolicySource source;
        private PolicyLoader loader = PolicyLoader.defaults();
        private Duration interval = DEFAULT_INTERVAL;
        private ScheduledExecutorService executor;
        private final List<PolicyListener> listeners = new CopyOnWriteArrayList<>();

        private Builder(PolicySource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /** Sets the loader (clock, environment, condition languages). */
        public Builder loader(PolicyLoader loader) {
            this.loader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** Sets how often the source is polled; at least 100 ms. */
        public Builder interval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 100) {
                throw new IllegalArgumentException("interval must be at least 100 ms: " + interval);
            }
            this.interval = interval;
            return this;
        }

        /** Polls on {@code executor}, which the caller keeps and shuts down. */
        public Builder executor(ScheduledExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Adds a listener. */
        public Builder listener(PolicyListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Loads the policy and starts polling.
         *
         * @throws PolicyLoadException when the first version cannot be loaded: a service must
         *     not start without a policy
         */
        public ReloadingPolicy start() throws PolicyLoadException {
            return new ReloadingPolicy(this, loader.load(source));
        }
    }
}
