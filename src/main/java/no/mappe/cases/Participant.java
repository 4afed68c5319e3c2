package no.mappe.cases;

import java.time.LocalDate;

/** The person a case is about (deltaker). Personal data: never logged, never in a URL. */
public record Participant(String id, String name, LocalDate birthDate) {
}
