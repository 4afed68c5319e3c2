package no.mappe.cases;

import java.time.LocalDate;
import java.util.List;

/**
 * One programme stay of one participant (tiltaksløp), assigned to one counsellor.
 *
 * @param referral  NAV's order or the job centre's referral; {@link Referral#NONE} when there is none
 * @param transfers the participant's moves between programmes, oldest first
 * @param version   increases with every edit; an edit names the version it was made from
 */
public record Case(String id, String organisationId, Participant participant, String programme, String counsellorId,
                   LocalDate startDate, List<CaseEvent> events, Referral referral, List<Transfer> transfers, int version) {

    /** A case without a referral or transfers, as tests and older callers build one. */
    public Case(String id, String organisationId, Participant participant, String programme, String counsellorId,
                LocalDate startDate, List<CaseEvent> events) {
        this(id, organisationId, participant, programme, counsellorId, startDate, events, Referral.NONE, List.of(), 1);
    }
}
