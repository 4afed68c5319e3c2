package no.mappe.search;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.mappe.archive.Archive;
import no.mappe.archive.Document;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.errors.BadRequest;
import no.mappe.security.Caller;
import no.mappe.security.Role;
import no.mappe.cases.CaseService;

/**
 * Searches the archive as the caller may see it: their organisation, their cases if they are a
 * counsellor, and never above their access level. Every search is audited with its query text
 * (never with what it found).
 */
public final class SearchService {

    public static final int MAX_QUERY_LENGTH = 500;
    public static final int MAX_PAGE = 100;

    private final SearchIndex index;
    private final Archive archive;
    private final CaseService cases;
    private final AuditLog audit;

    public SearchService(SearchIndex index, Archive archive, CaseService cases, AuditLog audit) {
        this.index = index;
        this.archive = archive;
        this.cases = cases;
        this.audit = audit;
    }

    public SearchResult search(Caller caller, String text, Map<String, String> filters, int offset, int limit) {
        String query = text == null ? "" : text.strip();
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new BadRequest("The search text is too long; use at most " + MAX_QUERY_LENGTH + " characters");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new BadRequest("limit must be between 1 and " + MAX_PAGE);
        }
        Set<String> caseIds = caller.role() == Role.COUNSELLOR
                ? new HashSet<>(cases.caseIdsOf(caller.organisationId(), caller.userId()))
                : null;
        SearchHits hits = index.search(new SearchQuery(caller.organisationId(), query, caseIds, caller.role().highestLevel(),
                Map.copyOf(filters), offset, limit));
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "search").withDetail(describe(query, filters)));
        // The database is the truth: a hit whose row is gone (shredded a moment ago) is skipped.
        List<Document> documents = hits.ids().stream()
                .map(id -> archive.find(caller.organisationId(), id))
                .flatMap(Optional::stream)
                .toList();
        return new SearchResult(hits.total(), offset, limit, documents, hits.facets());
    }

    private static String describe(String query, Map<String, String> filters) {
        return filters.isEmpty() ? "q=" + query : "q=" + query + " " + filters;
    }

    /** One page of hits with the total and the facet counts over everything the caller may see. */
    public record SearchResult(long total, int offset, int limit, List<Document> documents, Map<String, Map<String, Long>> facets) {
    }
}
