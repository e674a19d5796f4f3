package io.portcullis.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TestClockTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void standsStillUntilMoved() {
        TestClock clock = TestClock.at(START);

        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.advance(Duration.ofSeconds(301)).instant())
                .isEqualTo(START.plusSeconds(301));
        assertThat(clock.set(START.minusSeconds(5)).instant()).isEqualTo(START.minusSeconds(5));
    }

    @Test
    void zonedViewsMoveTogether() {
        TestClock clock = TestClock.at(START);
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofMinutes(1));

        assertThat(paris.instant()).isEqualTo(START.plusSeconds(60));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void ofNowHasWholeSeconds() {
        assertThat(TestClock.ofNow().instant().getNano()).isZero();
    }
}
