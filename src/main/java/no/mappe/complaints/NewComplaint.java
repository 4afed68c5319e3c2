package no.mappe.complaints;

import java.time.LocalDate;

/**
 * A complaint to register: from a participant (give {@code caseId}), from a customer, partner or
 * buyer (give {@code name}, and {@code contact} if they want an answer), or anonymous (neither).
 *
 * @param handler the id of the person who handles and answers it; the one registering it when absent
 */
public record NewComplaint(String complainant, String caseId, String name, String contact, String summary, LocalDate receivedDate,
                           String category, LocalDate serviceEnded, String handler) {
}
