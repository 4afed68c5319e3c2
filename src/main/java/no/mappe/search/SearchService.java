package no.mappe.search;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.mappe.archive.Document;
import no.mappe.archive.DocumentService;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.errors.BadRequest;
import no.mappe.security.Caller;
import no.mappe.security.AccessLevel;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.security.ProfileService;
import no.mappe.security.Role;
import no.mappe.cases.CaseService;

/**
 * Searches the archive as the caller may see it: their organisation, their cases if they are a
 * counsellor, and never above their access level. The index narrows, the database decides: every
 * hit passes the same access rule as a direct read ({@link DocumentService#visibleIfAllowed})
 * before its title or snippet is made, so an index that lags behind a change can never show what
 * the caller may not read. Before searching, the index is given a moment to take in every change
 * committed so far. Every search is audited with its query text (never with what it found).
 */
public final class SearchService {

    public static final int MAX_QUERY_LENGTH = 500;
    public static final int MAX_PAGE = 100;
    /** How long a search waits for the index to take in changes committed just before it. */
    private static final Duration CATCH_UP = Duration.ofSeconds(2);

    private final SearchEngine index;
    private final Indexer indexer;
    private final CaseService cases;
    private final DocumentService documents;
    private final Directory directory;
    private final ProfileService profiles;
    private final AuditLog audit;
    private final Clock clock;

    public SearchService(SearchEngine index, Indexer indexer, CaseService cases, DocumentService documents, Directory directory,
                         ProfileService profiles, AuditLog audit, Clock clock) {
        this.index = index;
        this.indexer = indexer;
        this.cases = cases;
        this.documents = documents;
        this.directory = directory;
        this.profiles = profiles;
        this.audit = audit;
        this.clock = clock;
    }

    public SearchResult search(Caller caller, String text, Map<String, String> filters, int offset, int limit) {
        return search(caller, text, filters, offset, limit, false);
    }

    /** One page of what the caller may see, best first or (with {@code newestFirst}) by the documents' dates. */
    public SearchResult search(Caller caller, String text, Map<String, String> filters, int offset, int limit, boolean newestFirst) {
        String query = text == null ? "" : text.strip();
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new BadRequest("The search text is too long; use at most " + MAX_QUERY_LENGTH + " characters");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new BadRequest("limit must be between 1 and " + MAX_PAGE);
        }
        Set<String> caseIds = caller.role() == Role.COUNSELLOR
                ? new HashSet<>(cases.caseIdsOf(caller.organisationId(), caller.userId()))
                : caller.isLeader() || caller.role().highestLevel() < AccessLevel.MANAGEMENT
                ? null
                : new HashSet<>(cases.caseIdsOutsideTheCabinet(caller.organisationId())); // staff folders: the leader's alone
        indexer.sync(CATCH_UP);
        SearchHits hits = index.search(new SearchQuery(caller.organisationId(), query, caseIds, caller.role().highestLevel(),
                Map.copyOf(filters), offset, limit, newestFirst, LocalDate.now(clock)));
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "search").withDetail(describe(query, filters)));
        // The database is the truth: a hit the caller may not read now (moved up a level, reassigned, shredded) is skipped.
        List<DocumentService.Visible> visible = hits.ids().stream()
                .map(id -> this.documents.visibleIfAllowed(caller, id))
                .flatMap(Optional::stream)
                .toList();
        Map<String, String> texts = new LinkedHashMap<>(); // document id to its decrypted text, read once for snippet and suggestion
        visible.forEach(hit -> texts.put(hit.document().id(), documents.storedText(hit.document()).orElse("")));
        // Read once per page, not per hit: the organisation's active people by id, and its letterhead.
        Map<String, String> counsellors = visible.isEmpty() ? Map.of() : activeNames(caller.organisationId());
        Letterhead letterhead = visible.isEmpty() ? Letterhead.NONE : letterhead(caller.organisationId());
        List<Hit> found = visible.stream()
                .map(hit -> new Hit(hit.document(), this.documents.title(hit.document()), hit.owner().participant().name(),
                        counsellors.get(hit.owner().counsellorId()),
                        snippet(hit.document(), texts.get(hit.document().id()), query, hits.widened(), letterhead)))
                .toList();
        // Only words of texts this caller may read can be suggested.
        String suggestion = Suggestion.of(query, hits.widened(), List.copyOf(texts.values())).orElse(null);
        return new SearchResult(hits.total(), offset, limit, found, hits.facets(), !hits.widened().isEmpty(), suggestion,
                hits.typedTotal());
    }

    /** The hit's words in context, from the decrypted text it was generated from; none for documents without one. */
    private String snippet(Document document, String text, String query, Map<String, Integer> widened, Letterhead letterhead) {
        return text.isEmpty() ? "" : Snippets.of(text, query, document.language(), widened, letterhead);
    }

    /** The names of the organisation's active users by id; someone who has left is not in it, so a hit names nobody. */
    private Map<String, String> activeNames(String organisationId) {
        Map<String, String> names = new HashMap<>();
        directory.users(organisationId).forEach(user -> names.put(user.id(), user.displayName()));
        return names;
    }

    /** What the organisation's documents print at their top, so snippets can come from below it. */
    private Letterhead letterhead(String organisationId) {
        String name = directory.organisation(organisationId).map(Organisation::name).orElse("");
        return Letterhead.of(name, profiles.get(organisationId));
    }

    /**
     * A document found, saying what it is: its title, the participant whose it is (empty once anonymised),
     * the name of the case's counsellor (null when they are no longer an active user of the organisation),
     * and a highlighted snippet from its body. Its business date is the document's own ({@code businessDate}).
     */
    public record Hit(@JsonUnwrapped Document document, String title, String participant, String counsellorName, String snippet) {
    }

    private static String describe(String query, Map<String, String> filters) {
        return filters.isEmpty() ? "q=" + query : "q=" + query + " " + filters;
    }

    /**
     * One page of hits with the total and the facet counts over everything the caller may see.
     *
     * @param corrected  the words as typed found nothing or only a few documents ({@code typedTotal}); these
     *                   hits are also for words spelt nearly like them
     * @param suggestion the search with the corrected words as they are written in the hits, or null when
     *                   no such word was found (then only "similar words" can be said)
     * @param typedTotal how many documents the words as typed found (the same as {@code total} when not corrected)
     */
    public record SearchResult(long total, int offset, int limit, List<Hit> documents, Map<String, Map<String, Long>> facets,
                               boolean corrected, String suggestion, long typedTotal) {
    }
}
