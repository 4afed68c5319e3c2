package no.mappe.search;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * A search as the index runs it, with the caller's access already turned into filters.
 *
 * @param caseIds        the only cases whose documents may match, or null for all of the organisation's
 * @param maxAccessLevel the highest access level the caller may read
 * @param filters        facet dimension to required value, e.g. type=consent
 * @param newestFirst    sort by the document's date instead of by relevance
 * @param today          the date against which a document's retention is "due" or still "scheduled"
 */
public record SearchQuery(String organisationId, String text, Set<String> caseIds, int maxAccessLevel,
                          Map<String, String> filters, int offset, int limit, boolean newestFirst, LocalDate today) {

    public SearchQuery(String organisationId, String text, Set<String> caseIds, int maxAccessLevel, Map<String, String> filters,
                       int offset, int limit) {
        this(organisationId, text, caseIds, maxAccessLevel, filters, offset, limit, false, LocalDate.now());
    }
}
