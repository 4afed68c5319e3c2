package no.mappe.search;

/**
 * What the index knows about one document: ids and facet values for filtering, and the text to
 * search. The text is indexed but not stored, so the index never hands content back.
 *
 * @param date  the document's own date: the year facet and sorting by date
 * @param names           participant and counsellor names, searched without stemming
 * @param retentionPhase  the time-independent retention state: keep, on-hold, waiting or dated
 * @param dueDate         when a dated document falls due (null otherwise); due or scheduled is decided at search time
 */
public record IndexedDocument(String id, String organisationId, String caseId, String counsellorId, int accessLevel,
                              String language, String documentType, String programme, String status, java.time.LocalDate date,
                              String names, String text, String retentionPhase, java.time.LocalDate dueDate) {
}
