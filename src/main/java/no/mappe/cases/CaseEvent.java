package no.mappe.cases;

import java.time.LocalDate;

/**
 * Something that happened in a case on a business date, as recorded by a user. A wrong event is
 * voided with a reason (never deleted) until a sweep has acted on it; a voided event starts no clock.
 *
 * @param voidedAt   when it was voided, or null
 * @param voidReason why, in the words of whoever voided it (stored encrypted), or null
 * @param actedOnAt  when a sweep first disposed of documents whose clock it started, or null
 */
public record CaseEvent(String id, String type, LocalDate date, String recordedBy, String recordedAt, String voidedAt,
                        String voidedBy, String voidReason, String actedOnAt) {

    /** An event as recorded, not voided and not acted on. */
    public CaseEvent(String id, String type, LocalDate date, String recordedBy, String recordedAt) {
        this(id, type, date, recordedBy, recordedAt, null, null, null, null);
    }

    public boolean voided() {
        return voidedAt != null;
    }
}
