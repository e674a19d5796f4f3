package io.portcullis.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The system clock moved forward on demand, so that the demo and the end-to-end tests can let
 * time pass (a token's lifetime, a cool-down between key refetches) without waiting for it.
 * It only ever moves forward.
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    private AdjustableClock(Clock base) {
        this.base = base;
    }

    /** Returns a clock that reads the system clock until it is advanced. */
    public static AdjustableClock system() {
        return new AdjustableClock(Clock.systemUTC());
    }

    /** Moves this clock forward by {@code amount}, which must be positive. */
    public synchronized void advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative() || amount.isZero()) {
            throw new IllegalArgumentException("a clock only moves forward: " + amount);
        }
        offset = offset.plus(amount);
    }

    /** Returns how far this clock is ahead of the system clock. */
    public Duration offset() {
        return offset;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Returns this clock: it always reads UTC. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
