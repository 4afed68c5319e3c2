package no.mappe.search;

import java.time.LocalDate;

/**
 * What the index knows about one document: ids and facet values for filtering, and the text to
 * search. The text is indexed but not stored, so the index never hands content back.
 *
 * @param date            the document's own date: the year facet and sorting by date
 * @param names           participant and counsellor names, searched without stemming
 * @param retentionPhase  the time-independent retention state: keep, on-hold, waiting or dated
 * @param dueDate         when a dated document falls due (null otherwise); due or scheduled is decided at search time
 * @param stamp           the outbox sequence number of the latest change this entry reflects ({@link IndexOutbox})
 */
public record IndexedDocument(String id, String organisationId, String caseId, String counsellorId, int accessLevel,
                              String language, String documentType, String programme, String status, LocalDate date,
                              String names, String text, String retentionPhase, LocalDate dueDate, long stamp) {

    /** An entry without a stamp, for tools and tests that use the index on its own. */
    public IndexedDocument(String id, String organisationId, String caseId, String counsellorId, int accessLevel, String language,
                           String documentType, String programme, String status, LocalDate date, String names, String text,
                           String retentionPhase, LocalDate dueDate) {
        this(id, organisationId, caseId, counsellorId, accessLevel, language, documentType, programme, status, date, names, text,
                retentionPhase, dueDate, 0);
    }
}
