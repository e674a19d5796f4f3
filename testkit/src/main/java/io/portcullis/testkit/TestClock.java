package io.portcullis.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, shared safely between the test thread and
 * the threads of the code under test. Hand the same instance to the issuer and to the
 * validator to test expiry without sleeping.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private TestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Returns a clock standing at {@code instant}, in UTC. */
    public static TestClock at(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return new TestClock(new AtomicReference<>(instant), ZoneOffset.UTC);
    }

    /** Returns a clock standing at the current time, truncated to whole seconds. */
    public static TestClock ofNow() {
        return at(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
    }

    /** Moves the clock forward by {@code amount} (backward if negative). */
    public TestClock advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        now.updateAndGet(instant -> instant.plus(amount));
        return this;
    }

    /** Sets the clock to {@code instant}. */
    public TestClock set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** Returns a view in another zone that shares this clock's time and moves with it. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new TestClock(now, Objects.requireNonNull(zone, "zone"));
    }

    @Override
    public String toString() {
        return "TestClock[" + now.get() + "]";
    }
}
