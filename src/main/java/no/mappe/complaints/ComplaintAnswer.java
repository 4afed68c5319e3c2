package no.mappe.complaints;

import java.time.LocalDate;

/** The written answer, recorded by the one who handled the complaint: when it was given and how the complaint ended. */
public record ComplaintAnswer(LocalDate answerDate, String outcome) {
}
