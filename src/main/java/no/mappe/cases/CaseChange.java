package no.mappe.cases;

import java.time.LocalDate;
import no.mappe.cases.NewCase.NewParticipant;

/**
 * An edit of a case: the participant, the start date and the referral, all replaced. The programme
 * changes only by a transfer, the counsellor only by a reassignment.
 *
 * @param version the case's version the edit was made from; refused (409) if someone saved since
 */
public record CaseChange(NewParticipant participant, LocalDate startDate, Referral referral, Integer version) {
}
