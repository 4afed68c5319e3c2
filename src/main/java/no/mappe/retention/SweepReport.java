package no.mappe.retention;

import java.util.List;

/**
 * What a sweep found and did. In a dry run every item's outcome is {@code would-shred} or
 * {@code review}; nothing is changed.
 */
public record SweepReport(String sweepId, String organisationId, boolean dryRun, String startedAt, String finishedAt,
                          int documentsEvaluated, int due, int shredded, List<SweepItem> items) {
}
