package no.mappe.cases;

import java.time.LocalDate;

/** A participant moved from one programme to another in the same case (Primærprosessen §12). */
public record Transfer(String id, String fromProgramme, String toProgramme, LocalDate date, String recordedBy, String recordedAt) {
}
