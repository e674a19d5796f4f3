package io.portcullis.keys;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one timer thread every key source shares for its planned refreshes and retries. A task
 * only starts an asynchronous fetch and returns, so one thread serves any number of issuers.
 *
 * <p>The thread is a daemon and ends after a minute with nothing scheduled, so closing every key
 * source leaves no thread behind (and no class loader held by one).
 */
final class RefreshScheduler {

    private static final Logger log = LoggerFactory.getLogger(RefreshScheduler.class);
    private static final long IDLE_SECONDS = 60;
    private static final ScheduledThreadPoolExecutor TIMER = newTimer();

    private RefreshScheduler() {
    }

    /** Runs {@code task} once after {@code delay}; a task that throws is logged. */
    static ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        long nanos = Math.max(0, saturatedNanos(delay));
        return TIMER.schedule(() -> runLogged(task), nanos, TimeUnit.NANOSECONDS);
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            log.warn("A planned key refresh failed to start", e);
        }
    }

    private static long saturatedNanos(Duration delay) {
        try {
            return delay.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor timer =
                new ScheduledThreadPoolExecutor(1, new KeyThreads("portcullis-key-refresh-"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }
}
