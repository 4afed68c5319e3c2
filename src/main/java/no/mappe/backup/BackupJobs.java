package no.mappe.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import no.mappe.archive.BlobObjects;
import no.mappe.archive.MasterKey;
import no.mappe.config.BackupSchedule;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.StorageFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the running service does for backups: after every disposal it rewrites the keys file of
 * every backup directory it knows (so a shred reaches every backup there), and with a
 * {@link BackupSchedule} it takes the nightly backup and removes the oldest beyond the count kept.
 */
public final class BackupJobs {

    private static final Logger LOG = LoggerFactory.getLogger(BackupJobs.class);
    /** A partial backup older than this is from a killed run, not one being written. */
    private static final Duration ABANDONED = Duration.ofHours(12);

    private final Database database;
    private final Path dataDir;
    private final BlobObjects blobs;
    private final MasterKey masterKey;
    private final Clock clock;
    private final Optional<BackupSchedule> schedule;

    public BackupJobs(Database database, Path dataDir, BlobObjects blobs, MasterKey masterKey, Clock clock,
            Optional<BackupSchedule> schedule) {
        this.database = database;
        this.dataDir = dataDir;
        this.blobs = blobs;
        this.masterKey = masterKey;
        this.clock = clock;
        this.schedule = schedule;
    }

    public Optional<BackupSchedule> schedule() {
        return schedule;
    }

    /**
     * Rewrites each known backup directory's keys file that is behind the live archive (written
     * before the latest disposal, or under another master key); returns how many were rewritten.
     * A directory that is gone (a disk not mounted) is skipped and tried again next time.
     */
    public int refreshKeys() {
        List<String> targets = database.read(connection -> Sql.list(connection, "SELECT path FROM backup_targets",
                row -> row.getString(1)));
        long disposals = database.read(DocumentKeys::disposals);
        int rewritten = 0;
        for (String target : targets) {
            Path directory = Path.of(target);
            if (!Files.isDirectory(directory)) {
                LOG.warn("The backup directory {} is not there; its keys file is refreshed when it is", directory);
                continue;
            }
            if (DocumentKeys.stale(directory, disposals, masterKey.checkValue())) {
                database.read(connection -> {
                    DocumentKeys.write(directory, connection, masterKey, clock, Optional.empty());
                    return null;
                });
                rewritten++;
            }
        }
        if (rewritten > 0) {
            LOG.info("Rewrote the keys file of {} backup director{}: documents disposed of are unreadable in their backups", rewritten,
                    rewritten == 1 ? "y" : "ies");
        }
        return rewritten;
    }

    /** Takes the scheduled backup if today's is due and not yet taken, then prunes. */
    public void backupIfDue() {
        if (schedule.isEmpty()) {
            return;
        }
        BackupSchedule plan = schedule.get();
        ZoneId zone = clock.getZone();
        Instant dueAt = LocalDateTime.of(LocalDate.now(clock), plan.at()).atZone(zone).toInstant();
        if (Instant.now(clock).isBefore(dueAt) || newestComplete(plan.dir()).filter(newest -> !newest.isBefore(dueAt)).isPresent()) {
            return;
        }
        Backup.Result result = new Backup(dataDir, blobs, masterKey, clock).run(plan.dir(), (phase, done, total) -> { });
        LOG.info("Nightly backup {} complete: {} documents, {} files, {} bytes in {} ms", result.directory().getFileName(),
                result.manifest().documents(), result.manifest().files().size(), result.manifest().bytes(), result.took().toMillis());
        prune(plan.dir(), plan.keep());
    }

    /** Removes the oldest complete backups beyond {@code keep}, and partial ones left by killed runs. */
    public int prune(Path directory, int keep) {
        List<Path> complete = backups(directory, false);
        int removed = 0;
        try {
            for (Path old : complete.subList(0, Math.max(0, complete.size() - keep))) {
                BackupFiles.deleteTree(old);
                removed++;
            }
            for (Path partial : backups(directory, true)) {
                if (Files.getLastModifiedTime(partial).toInstant().isBefore(Instant.now(clock).minus(ABANDONED))) {
                    BackupFiles.deleteTree(partial);
                }
            }
        } catch (IOException e) {
            throw new StorageFailure("Removing old backups from " + directory + " failed: " + e.getMessage(), e);
        }
        return removed;
    }

    /** The complete (or partial) backups in a directory, oldest first (their names sort by time). */
    static List<Path> backups(Path directory, boolean partial) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(path -> {
                String name = path.getFileName().toString();
                return name.startsWith(Backup.PREFIX) && name.endsWith(Backup.PARTIAL) == partial && Files.isDirectory(path);
            }).sorted(Comparator.comparing(path -> path.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new StorageFailure("Listing " + directory + " failed: " + e.getMessage(), e);
        }
    }

    private static Optional<Instant> newestComplete(Path directory) {
        List<Path> complete = backups(directory, false);
        return complete.isEmpty() ? Optional.empty() : Optional.of(Backup.createdAt(complete.get(complete.size() - 1)));
    }
}
