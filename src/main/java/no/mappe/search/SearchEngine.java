package no.mappe.search;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Where document text is searched: the local Lucene index ({@link SearchIndex}, the default) or a
 * search cluster ({@link OpenSearchIndex}), chosen by {@code MAPPE_SEARCH}. Either is derived data fed
 * from the {@link IndexOutbox} by the {@link Indexer}, its only writer; both analyse text with
 * {@link ScandinavianAnalyzers}, filter by access inside the query, count facets over what the caller
 * may see and store no document text.
 */
public interface SearchEngine extends AutoCloseable {

    /** Facet dimensions and the query parameter each one is filtered by. */
    List<String> FACETS = List.of("type", "programme", "status", "year", "counsellor", "retention");

    /** Adds or replaces documents and removes others, durably, recording the last outbox sequence number they come from. */
    void apply(Collection<IndexedDocument> upserts, Collection<String> deletes, long outboxSeq);

    /** Like {@link #apply}, visible to the next search at once; durable at the latest with the next {@link #commit}. */
    void stage(Collection<IndexedDocument> upserts, Collection<String> deletes, long outboxSeq);

    /** Makes what was staged durable. */
    void commit();

    /** The last outbox sequence number the index holds (staged or committed); searches see everything up to it. */
    long appliedSeq();

    /** The last outbox sequence number that survives a crash. */
    long committedSeq();

    /** Every entry with the stamp it was built from, in id order (UTF-8 byte order). Close it when done. */
    Stamps stamps();

    /** The ids of every entry of an organisation. */
    Set<String> idsOf(String organisationId);

    /** Removes entries by id, durably. */
    void removeAll(Collection<String> documentIds);

    /** Whether entries were made with an older text analysis, so that the index should be rebuilt. */
    boolean analysedWithOlderVersion();

    /** Records that every entry has been made again with the current analysis. */
    void markAnalysedWithCurrentVersion();

    /**
     * Rewrites what still holds removed entries, so a shredded document's terms are in no file of the index.
     * False when some are still kept (a cluster keeps them until every copy's lease has moved past): purge again later.
     */
    boolean purgeDeleted();

    /** One page of hits, with the total and the facet counts of what the caller may see. */
    SearchHits search(SearchQuery query);

    /** Number of entries (all organisations); also the readiness probe's look at the engine. */
    int size();

    /** Adds or replaces one entry (idempotent by id); for tools and tests that use the index on its own. */
    default void index(IndexedDocument document) {
        apply(List.of(document), List.of(), 0);
    }

    /** Adds or replaces entries, leaving the outbox position as it is. */
    default void indexAll(Collection<IndexedDocument> documents) {
        apply(documents, List.of(), 0);
    }

    default void remove(String documentId) {
        removeAll(List.of(documentId));
    }

    @Override
    void close();

    /** A walk over the entries by id; {@link #stamp()} is -1 for entries made before stamps existed. */
    interface Stamps extends AutoCloseable {

        /** Moves to the next entry; false at the end. */
        boolean next();

        String id();

        long stamp();

        @Override
        void close();
    }
}
