package no.mappe.cases;

import java.time.LocalDate;

/**
 * What is needed to open a case, as sent by a client. Nullable fields are checked by
 * {@link CaseService}, which names each missing one.
 *
 * @param counsellor user id of the responsible counsellor; the caller when left out
 * @param referral   NAV's order or the job centre's referral, if the case has one
 */
public record NewCase(NewParticipant participant, String programme, String counsellor, LocalDate startDate, Referral referral) {

    /** A case without a referral. */
    public NewCase(NewParticipant participant, String programme, String counsellor, LocalDate startDate) {
        this(participant, programme, counsellor, startDate, null);
    }

    /** The participant part of a new case. */
    public record NewParticipant(String name, LocalDate birthDate) {
    }
}
