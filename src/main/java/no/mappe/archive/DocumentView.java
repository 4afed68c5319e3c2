package no.mappe.archive;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import no.mappe.retention.RetentionStatus;

/**
 * A document as shown to a user: the record, its title in its language, its retention standing, and
 * where it was sent and when it was received, oldest first.
 */
public record DocumentView(@JsonUnwrapped Document document, String title, RetentionStatus retention,
                           java.util.List<Dispatch> dispatches) {
}
