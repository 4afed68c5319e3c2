package no.mappe.cases;

import java.time.LocalDate;
import java.util.List;

/** One programme stay of one participant (tiltaksløp), assigned to one counsellor. */
public record Case(String id, String organisationId, Participant participant, String programme, String counsellorId,
                   LocalDate startDate, List<CaseEvent> events) {
}
