package io.portcullis.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock moved forward on demand, so that the demo and the end-to-end tests can let
 * time pass (a token's lifetime, a cool-down between key refetches) without waiting for it.
 * It only ever moves forward. Copies made with {@link #withZone} move with it.
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;
    private final ZoneId zone;

    private AdjustableClock(Clock base, AtomicReference<Duration> offset, ZoneId zone) {
        this.base = base;
        this.offset = offset;
        this.zone = zone;
    }

    /** Returns a clock in UTC that reads the system clock until it is advanced. */
    public static AdjustableClock system() {
        return new AdjustableClock(Clock.systemUTC(), new AtomicReference<>(Duration.ZERO),
                ZoneOffset.UTC);
    }

    /** Moves this clock forward by {@code amount}, which must be positive. */
    public void advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative() || amount.isZero()) {
            throw new IllegalArgumentException("a clock only moves forward: " + amount);
        }
        offset.accumulateAndGet(amount, Duration::plus);
    }

    /** Returns how far this clock is ahead of the system clock. */
    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public AdjustableClock withZone(ZoneId otherZone) {
        Objects.requireNonNull(otherZone, "otherZone");
        return new AdjustableClock(base, offset, otherZone);
    }
}
