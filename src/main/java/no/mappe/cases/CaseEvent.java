package no.mappe.cases;

import java.time.LocalDate;

/** Something that happened in a case on a business date, as recorded by a user. */
public record CaseEvent(String id, String type, LocalDate date, String recordedBy, String recordedAt) {
}
