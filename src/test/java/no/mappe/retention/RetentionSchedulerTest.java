package no.mappe.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.nio.file.Path;
import no.mappe.db.Sql;
import no.mappe.demo.DemoData;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly sweep runs at the configured local wall-clock time, also across daylight saving changes,
 * and once a night however many nodes' schedulers fire.
 */
class RetentionSchedulerTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondNodesSchedulerTheSameNightFindsTonightsSweepDoneAndDoesNothing() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            SweepService sweeps = server.app().sweeps();
            assertThat(sweeps.nightly(DemoData.NORWEGIAN_ORGANISATION, Duration.ofHours(12))).as("the first node's").isPresent();
            assertThat(sweeps.nightly(DemoData.NORWEGIAN_ORGANISATION, Duration.ofHours(12))).as("the second node's").isEmpty();
            assertThat(sweeps.nightly(DemoData.DANISH_ORGANISATION, Duration.ofHours(12))).as("another organisation's").isPresent();
            int scheduled = server.app().database().read(connection -> Sql.one(connection, "SELECT COUNT(*) FROM sweeps"
                    + " WHERE organisation_id = ? AND dry_run = 0", row -> row.getInt(1), DemoData.NORWEGIAN_ORGANISATION).orElseThrow());
            assertThat(scheduled).isEqualTo(1);
        }
    }

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
