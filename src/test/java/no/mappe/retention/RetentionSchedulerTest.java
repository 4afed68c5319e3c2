package no.mappe.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The nightly sweep runs at the configured local wall-clock time, also across daylight saving changes. */
class RetentionSchedulerTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void nextRunIsLaterTodayOrTomorrow() {
        ZonedDateTime evening = ZonedDateTime.of(2026, 11, 23, 22, 0, 0, 0, OSLO);
        assertThat(RetentionScheduler.untilNext(evening, LocalTime.of(2, 0))).isEqualTo(Duration.ofHours(4));
        ZonedDateTime night = ZonedDateTime.of(2026, 11, 23, 1, 30, 0, 0, OSLO);
        assertThat(RetentionScheduler.untilNext(night, LocalTime.of(2, 0))).isEqualTo(Duration.ofMinutes(30));
        ZonedDateTime exactly = ZonedDateTime.of(2026, 11, 23, 2, 0, 0, 0, OSLO);
        assertThat(RetentionScheduler.untilNext(exactly, LocalTime.of(2, 0))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void theNightTheClocksGoBackIsOneHourLonger() {
        ZonedDateTime beforeChange = ZonedDateTime.of(2026, 10, 24, 3, 0, 0, 0, OSLO);
        assertThat(RetentionScheduler.untilNext(beforeChange, LocalTime.of(3, 0))).isEqualTo(Duration.ofHours(25));
    }
}
