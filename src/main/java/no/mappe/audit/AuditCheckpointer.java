package no.mappe.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import no.mappe.errors.AuditCheckpointInvalid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the audit checkpoint file up to date: at start, every {@link #EVERY} while the service
 * runs (only when the head moved), and at shutdown, on one named daemon thread; each run is guarded
 * so that one failure does not cancel later runs.
 *
 * <p>A checkpoint never goes backwards: when the log no longer holds the checkpointed entry with
 * its value (entries were removed, or the chain rewritten, while the service was stopped), the file
 * is left as it is, as evidence, and the problem logged; {@code mappe verify} reports it.
 */
public final class AuditCheckpointer implements AutoCloseable {

    static final Duration EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointer.class);

    private final AuditLog log;
    private final AuditCheckpoint checkpoint;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private AuditHead written;
    private String complainedAbout;

    AuditCheckpointer(AuditLog log, AuditCheckpoint checkpoint, Clock clock, ScheduledExecutorService executor) {
        this.log = log;
        this.checkpoint = checkpoint;
        this.clock = clock;
        this.executor = executor;
    }

    public static AuditCheckpointer create(AuditLog log, AuditCheckpoint checkpoint, Clock clock) {
        return new AuditCheckpointer(log, checkpoint, clock, Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mappe-audit-checkpoint");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** Writes a checkpoint now and then every {@link #EVERY} while the head moves. */
    public void start() {
        executor.scheduleWithFixedDelay(this::checkpointGuarded, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the schedule and writes the final checkpoint (also what a CLI maintenance command does when it finishes). */
    @Override
    public void close() {
        executor.shutdown(); // lets a write under way finish; the periodic one is cancelled

        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("The audit checkpoint writer did not stop within 30 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpointGuarded();
    }

    private void checkpointGuarded() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            LOG.error("Writing the audit checkpoint failed; it is tried again in {} minute(s)", EVERY.toMinutes(), e);
        }
    }

    /** Anchors the current head unless it is already anchored or the log no longer holds the last checkpoint. */
    synchronized void checkpoint() {
        log.protectUnkeyedEntries();
        Optional<AuditHead> head = log.head();
        if (head.isEmpty() || head.get().equals(written)) {
            return;
        }
        Optional<AuditCheckpoint.Content> previous = previous();
        if (previous.isPresent() && !stillHeld(previous.get(), head.get())) {
            return;
        }
        long keyedFrom = previous.map(AuditCheckpoint.Content::keyedFrom).orElseGet(log::firstKeyedEntry);
        checkpoint.write(new AuditCheckpoint.Content(head.get(), keyedFrom, Instant.now(clock)));
        written = head.get();
    }

    private Optional<AuditCheckpoint.Content> previous() {
        try {
            return checkpoint.content();
        } catch (AuditCheckpointInvalid e) {
            LOG.error("{}. It is kept as {} and a new checkpoint is written.", e.getMessage(),
                    checkpoint.moveAside(Instant.now(clock)).getFileName());
            return Optional.empty();
        }
    }

    /** Whether the log still holds the checkpointed entry with the checkpointed value; logs once when not. */
    private boolean stillHeld(AuditCheckpoint.Content previous, AuditHead head) {
        AuditHead anchored = previous.head();
        Optional<String> value = anchored.entry() > head.entry() ? Optional.empty() : log.chainValueAt(anchored.entry());
        if (value.isPresent() && value.get().equals(anchored.chainValue())) {
            return true;
        }
        String problem = value.isEmpty()
                ? "the log ends at entry " + head.entry() + " but the checkpoint of " + previous.at() + " anchors entry " + anchored.entry()
                : "entry " + anchored.entry() + " differs from the checkpoint of " + previous.at();
        if (!problem.equals(complainedAbout)) {
            LOG.error("The audit log does not match its checkpoint: {}. Entries were removed or rewritten while the service was"
                    + " stopped, or the database was restored from a backup. The checkpoint is left as it is; run 'mappe verify'.",
                    problem);
            complainedAbout = problem;
        }
        return false;
    }
}
