package no.mappe.retention;

import java.time.LocalDate;

/**
 * Where a document stands under its organisation's policy, as shown with the document.
 *
 * @param dueDate empty until the triggering event has happened (or for {@code keep})
 * @param hold    whether a hold stops disposal (holds come with the retention issue; always false now)
 */
public record RetentionStatus(String retentionClass, String trigger, LocalDate dueDate, String action, boolean hold) {
}
