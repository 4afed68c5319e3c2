package no.mappe.retention;

import java.time.LocalDate;

/** One line of a disposal list (kassasjonsliste): a due document and what its rule says to do. Ids only. */
public record SweepItem(String documentId, String documentType, String retentionClass, String rule, String action,
                        LocalDate dueDate, String outcome) {
}
