package no.mappe.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import no.mappe.errors.Conflict;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the nightly retention sweep of every organisation at a fixed local time, on one named
 * daemon thread. With several nodes, each node's scheduler fires, and each organisation is swept by
 * one of them (see {@link SweepService#nightly}). Each run is guarded so that one failing organisation neither stops the others nor
 * cancels later nights; the next run is scheduled from the wall clock so daylight saving is honoured.
 */
public final class RetentionScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionScheduler.class);
    /** Every node's scheduler fires at the same local time; a scheduled sweep this recent means tonight's is done. */
    private static final Duration ONE_NIGHT = Duration.ofHours(12);

    private final SweepService sweeps;
    private final Directory directory;
    private final LocalTime at;
    private final Clock clock;
    private final ScheduledExecutorService executor;

    public RetentionScheduler(SweepService sweeps, Directory directory, LocalTime at, Clock clock) {
        this.sweeps = sweeps;
        this.directory = directory;
        this.at = at;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mappe-retention-sweeper");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        scheduleNext();
    }

    /** Time until the next run at the configured local time. */
    static Duration untilNext(ZonedDateTime now, LocalTime at) {
        ZonedDateTime next = now.with(at);
        if (!next.isAfter(now)) {
            next = next.plusDays(1).with(at);
        }
        return Duration.between(now, next);
    }

    private void scheduleNext() {
        Duration delay = untilNext(ZonedDateTime.now(clock), at);
        executor.schedule(this::runAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Next retention sweep in {} minutes", delay.toMinutes());
    }

    private void runAndReschedule() {
        try {
            sweepAll();
        } finally {
            if (!executor.isShutdown()) {
                scheduleNext();
            }
        }
    }

    /** One sweep per organisation; failures are logged per organisation and never propagate. */
    void sweepAll() {
        for (Organisation organisation : directory.organisations()) {
            try {
                Optional<SweepReport> swept = sweeps.nightly(organisation.id(), ONE_NIGHT);
                if (swept.isEmpty()) {
                    LOG.info("Retention sweep for organisation {} skipped: another node ran tonight's", organisation.id());
                    continue;
                }
                SweepReport report = swept.get();
                LOG.info("Retention sweep {} for organisation {}: {} due, {} shredded, {} anonymised, {} awaiting approval",
                        report.sweepId(), organisation.id(), report.due(), report.shredded(), report.anonymised(),
                        report.awaitingApproval());
            } catch (Conflict e) {
                LOG.info("Retention sweep for organisation {} skipped: one is already running", organisation.id());
            } catch (RuntimeException e) {
                LOG.error("Retention sweep for organisation {} failed; it will be tried again at the next run", organisation.id(), e);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("The retention sweeper did not stop within 30 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
