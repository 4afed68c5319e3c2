package no.mappe.archive;

import no.mappe.retention.RetentionStatus;

/** A document as shown to a user: the record, its title in its language, and its retention standing. */
public record DocumentView(Document document, String title, RetentionStatus retention) {
}
