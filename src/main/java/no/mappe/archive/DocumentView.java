package no.mappe.archive;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import no.mappe.retention.RetentionStatus;

/** A document as shown to a user: the record, its title in its language, and its retention standing. */
public record DocumentView(@JsonUnwrapped Document document, String title, RetentionStatus retention) {
}
