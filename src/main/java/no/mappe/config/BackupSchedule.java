package no.mappe.config;

import java.nio.file.Path;
import java.time.LocalTime;

/**
 * The service's own nightly backup: into {@code dir} at {@code at} local time, keeping the newest
 * {@code keep} complete backups there (MAPPE_BACKUP_DIR, MAPPE_BACKUP_AT, MAPPE_BACKUP_KEEP).
 */
public record BackupSchedule(Path dir, LocalTime at, int keep) {
}
