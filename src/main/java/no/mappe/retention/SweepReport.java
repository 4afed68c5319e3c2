package no.mappe.retention;

import java.util.List;
import java.util.Map;

/**
 * A sweep as stored: its state, how far it has come, what became of each item on its disposal
 * list, who approved it and its certificate. In a dry run nothing is changed and the outcomes are
 * {@code would-shred}, {@code would-anonymise}, {@code review} or {@code held}.
 *
 * @param status     running, awaiting-approval, finished, rejected, superseded, interrupted or failed
 * @param outcomes   how many items have each outcome
 * @param items      the first items of the disposal list (all of them up to {@link SweepService#REPORT_ITEMS})
 * @param itemsTotal how many items the list has; page through them with {@code GET .../items}
 */
public record SweepReport(String sweepId, String organisationId, boolean dryRun, String status, String startedAt, String startedBy,
                          String finishedAt, int documentsEvaluated, int due, int done, Map<String, Integer> outcomes, int shredded,
                          int anonymised, int awaitingApproval, String approvedBy, String approvedAt, String certificateDocumentId,
                          int itemsTotal, List<SweepItem> items) {
}
