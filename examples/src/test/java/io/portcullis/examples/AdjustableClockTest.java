package io.portcullis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AdjustableClockTest {

    private final AdjustableClock clock = AdjustableClock.system();

    @Test
    void advancingMovesTheClockAndItsZonedCopiesAhead() {
        AdjustableClock berlin = clock.withZone(ZoneId.of("Europe/Berlin"));

        clock.advance(Duration.ofHours(1));

        Instant now = Instant.now();
        assertThat(clock.offset()).isEqualTo(Duration.ofHours(1));
        assertThat(clock.instant()).isAfter(now.plus(Duration.ofMinutes(59)));
        assertThat(berlin.instant()).isAfter(now.plus(Duration.ofMinutes(59)));
        assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void itNeverMovesBack() {
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advance(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
