package no.mappe.search;

/**
 * What the index knows about one document: ids and facet values for filtering, and the text to
 * search. The text is indexed but not stored, so the index never hands content back.
 *
 * @param names participant and counsellor names, searched without stemming
 */
public record IndexedDocument(String id, String organisationId, String caseId, String counsellorId, int accessLevel,
                              String language, String documentType, String programme, String status, int year,
                              String names, String text) {
}
