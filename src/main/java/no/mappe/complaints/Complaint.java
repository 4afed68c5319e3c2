package no.mappe.complaints;

import java.time.LocalDate;

/**
 * One entry of the complaint register as the caller may see it.
 *
 * @param complainant     a {@link Complainant} code
 * @param caseId          the participant's case; null for others and anonymous complaints
 * @param participantName the participant's name (from the case); null for others
 * @param documentId      the complaint form in the case, if there is one
 * @param name            the complainant's name, for customers, partners and buyers only
 * @param serviceEnded    when the service complained about ended, if known
 * @param late            lodged more than {@link ComplaintRegister#LODGING_DAYS} days after the service ended (flagged, not refused)
 * @param answerDue       four weeks after the received date
 * @param answerDate      null while the complaint is open
 * @param outcome         an {@link Outcome} code; null while open, and for complaints answered before the register existed
 */
public record Complaint(String id, String complainant, String caseId, String participantName, String documentId, String name,
                        String contact, String summary, LocalDate receivedDate, String category, LocalDate serviceEnded,
                        boolean late, LocalDate answerDue, String handlerId, String handlerName, LocalDate answerDate,
                        String outcome, String answeredBy, String answerDocumentId) {

    public boolean open() {
        return answerDate == null;
    }

    /** Still open after the day the answer was due. */
    public boolean overdue(LocalDate today) {
        return answerDate == null && today.isAfter(answerDue);
    }

    /** Answered after the day it was due. */
    public boolean answeredLate() {
        return answerDate != null && answerDate.isAfter(answerDue);
    }
}
