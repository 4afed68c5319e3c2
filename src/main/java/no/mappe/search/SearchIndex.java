package no.mappe.search;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.errors.BadRequest;
import no.mappe.errors.StartupRefused;
import no.mappe.errors.StorageFailure;
import no.mappe.retention.RetentionStatus;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.range.LongRange;
import org.apache.lucene.facet.range.LongRangeFacetCounts;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleFragmenter;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene index of document text. It is derived data: the database and blobs are the truth and
 * {@code reindex} rebuilds it. Every change is committed before the call returns and is visible to
 * the next search at once.
 *
 * <p>Only ids are stored; text and names are indexed, never stored, so the index cannot hand back
 * content. Access filters are applied inside the query, so totals and facet counts only ever count
 * what the caller may see.
 */
public final class SearchIndex implements AutoCloseable {

    /** Facet dimensions and the query parameter each one is filtered by. */
    public static final List<String> FACETS = List.of("type", "programme", "status", "year", "counsellor", "retention");

    private static final String ID = "id";
    private static final String ORGANISATION = "organisation";
    private static final String CASE = "case";
    private static final String ACCESS_LEVEL = "accessLevel";
    private static final String DATE = "date";
    private static final String RETENTION = "retention";
    private static final String RETENTION_PHASE = "retentionPhase";
    private static final String DATED = RetentionStatus.DATED;
    private static final String DUE = "due";
    private static final int SNIPPET_CHARS = 160;
    private static final int MAX_FACET_VALUES = 50;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Analyzer analyzer = ScandinavianAnalyzers.perField();
    private final FacetsConfig facetsConfig = new FacetsConfig();
    private volatile FacetState facetState;

    private SearchIndex(Directory directory, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
    }

    public static SearchIndex open(Path path) {
        try {
            Directory directory = FSDirectory.open(path);
            TieredMergePolicy mergePolicy = new TieredMergePolicy();
            // Shredding must rewrite every segment that still holds a deleted document's terms.
            mergePolicy.setForceMergeDeletesPctAllowed(0);
            IndexWriterConfig config = new IndexWriterConfig(ScandinavianAnalyzers.perField())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setMergePolicy(mergePolicy);
            try {
                return new SearchIndex(directory, new IndexWriter(directory, config));
            } catch (LockObtainFailedException e) {
                directory.close();
                throw new StartupRefused("The search index at " + path + " is in use by another Mappe process; stop it first", e);
            }
        } catch (IOException e) {
            throw new StartupRefused("Cannot open the search index at " + path + ": " + e.getMessage(), e);
        }
    }

    /** Adds or replaces one document (idempotent by id). */
    public void index(IndexedDocument document) {
        indexAll(List.of(document));
    }

    /** Adds or replaces many documents with one commit. */
    public void indexAll(Collection<IndexedDocument> documents) {
        try {
            for (IndexedDocument document : documents) {
                writer.updateDocument(new Term(ID, document.id()), facetsConfig.build(toLucene(document)));
            }
            commitAndRefresh();
        } catch (IOException e) {
            throw new StorageFailure("Could not update the search index", e);
        }
    }

    public void remove(String documentId) {
        try {
            writer.deleteDocuments(new Term(ID, documentId));
            commitAndRefresh();
        } catch (IOException e) {
            throw new StorageFailure("Could not update the search index", e);
        }
    }

    /** The ids of every document of an organisation in the index, e.g. to find stale entries after a rebuild. */
    public java.util.Set<String> idsOf(String organisationId) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                java.util.Set<String> ids = new java.util.HashSet<>();
                Query query = KeywordField.newExactQuery(ORGANISATION, organisationId);
                StoredFields stored = searcher.storedFields();
                for (ScoreDoc hit : searcher.search(query, Math.max(1, searcher.getIndexReader().maxDoc())).scoreDocs) {
                    ids.add(stored.document(hit.doc).get(ID));
                }
                return ids;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new StorageFailure("The search index could not be read", e);
        }
    }

    /** Removes documents by id in one commit. */
    public void removeAll(java.util.Collection<String> documentIds) {
        try {
            for (String id : documentIds) {
                writer.deleteDocuments(new Term(ID, id));
            }
            commitAndRefresh();
        } catch (IOException e) {
            throw new StorageFailure("Could not update the search index", e);
        }
    }

    /**
     * Rewrites every segment that holds deleted documents and deletes the old segment files, so a
     * shredded document's terms are in no file of the index.
     */
    public void purgeDeleted() {
        try {
            writer.forceMergeDeletes(true);
            commitAndRefresh();
            writer.deleteUnusedFiles();
        } catch (IOException e) {
            throw new StorageFailure("Could not purge shredded documents from the search index", e);
        }
    }

    public SearchHits search(SearchQuery query) {
        Query lucene = toLucene(query);
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                int wanted = Math.max(1, query.offset() + query.limit());
                FacetsCollectorManager.FacetsResult result = query.newestFirst()
                        ? FacetsCollectorManager.search(searcher, lucene, wanted,
                                new Sort(LongField.newSortField(DATE, true, SortedNumericSelector.Type.MAX)), new FacetsCollectorManager())
                        : FacetsCollectorManager.search(searcher, lucene, wanted, new FacetsCollectorManager());
                long total = searcher.count(lucene);
                StoredFields stored = searcher.storedFields();
                List<String> ids = new ArrayList<>();
                ScoreDoc[] docs = result.topDocs().scoreDocs;
                for (int i = query.offset(); i < docs.length && ids.size() < query.limit(); i++) {
                    ids.add(stored.document(docs[i].doc).get(ID));
                }
                return new SearchHits(total, ids, facets(searcher.getIndexReader(), result.facetsCollector(), query.today()));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new StorageFailure("The search index could not be read", e);
        }
    }

    /**
     * A short extract of a document's text with the words that matched marked ({@code <mark>}),
     * HTML-escaped. The index keeps no text, so the caller hands in the decrypted text of a hit.
     */
    public String snippet(String text, String query, String language) {
        String field = ScandinavianAnalyzers.textField(language);
        try {
            if (query != null && !query.isBlank()) {
                Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(),
                        new QueryScorer(textQuery(query), field));
                highlighter.setTextFragmenter(new SimpleFragmenter(SNIPPET_CHARS));
                String best = highlighter.getBestFragments(analyzer.tokenStream(field, text), text, 2, " … ");
                if (!best.isBlank()) {
                    return best.strip();
                }
            }
        } catch (IOException | InvalidTokenOffsetsException e) {
            // fall through to the opening of the text
        }
        String opening = text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + " …" : text;
        return SimpleHTMLEncoder.htmlEncode(opening.replace('\n', ' '));
    }

    /** Number of documents in the index (all organisations). */
    public int size() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new StorageFailure("The search index could not be read", e);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new StorageFailure("The search index could not be closed cleanly", e);
        }
    }

    private void commitAndRefresh() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    private static Document toLucene(IndexedDocument source) {
        Document document = new Document();
        document.add(new KeywordField(ID, source.id(), Field.Store.YES));
        document.add(new KeywordField(ORGANISATION, source.organisationId(), Field.Store.NO));
        document.add(new KeywordField(CASE, source.caseId(), Field.Store.NO));
        document.add(new IntField(ACCESS_LEVEL, source.accessLevel(), Field.Store.NO));
        facet(document, "type", source.documentType());
        facet(document, "programme", source.programme());
        facet(document, "status", source.status());
        facet(document, "year", Integer.toString(source.date().getYear()));
        facet(document, "counsellor", source.counsellorId());
        facet(document, RETENTION_PHASE, source.retentionPhase());
        if (DATED.equals(source.retentionPhase()) && source.dueDate() != null) {
            // Only dated documents carry it, so the due/scheduled split never counts a held one.
            document.add(new LongField(DUE, source.dueDate().toEpochDay(), Field.Store.NO));
        }
        document.add(new LongField(DATE, source.date().toEpochDay(), Field.Store.NO));
        document.add(new TextField(ScandinavianAnalyzers.NAMES, source.names(), Field.Store.NO));
        document.add(new TextField(ScandinavianAnalyzers.textField(source.language()), source.text(), Field.Store.NO));
        return document;
    }

    private static void facet(Document document, String dimension, String value) {
        document.add(new KeywordField(dimension, value, Field.Store.NO));
        document.add(new SortedSetDocValuesFacetField(dimension, value));
    }

    private Query toLucene(SearchQuery query) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        builder.add(textQuery(query.text()), Occur.MUST);
        builder.add(KeywordField.newExactQuery(ORGANISATION, query.organisationId()), Occur.FILTER);
        builder.add(IntField.newRangeQuery(ACCESS_LEVEL, 1, query.maxAccessLevel()), Occur.FILTER);
        if (query.caseIds() != null) {
            List<BytesRef> cases = query.caseIds().stream().map(BytesRef::new).toList();
            builder.add(KeywordField.newSetQuery(CASE, cases), Occur.FILTER);
        }
        query.filters().forEach((dimension, value) -> {
            if (!FACETS.contains(dimension)) {
                throw new BadRequest("Unknown filter '" + dimension + "'; use one of " + FACETS);
            }
            builder.add(RETENTION.equals(dimension) ? retentionFilter(value, query.today())
                    : KeywordField.newExactQuery(dimension, value), Occur.FILTER);
        });
        return builder.build();
    }

    /** "due" and "scheduled" are dated documents whose due date is up to, or after, the query's date. */
    private static Query retentionFilter(String state, LocalDate today) {
        if (!RetentionStatus.STATES.contains(state)) {
            throw new BadRequest("Unknown retention state '" + state + "'; use one of " + RetentionStatus.STATES);
        }
        return switch (state) {
            case "due" -> new BooleanQuery.Builder().add(KeywordField.newExactQuery(RETENTION_PHASE, DATED), Occur.FILTER)
                    .add(LongField.newRangeQuery(DUE, Long.MIN_VALUE, today.toEpochDay()), Occur.FILTER).build();
            case "scheduled" -> new BooleanQuery.Builder().add(KeywordField.newExactQuery(RETENTION_PHASE, DATED), Occur.FILTER)
                    .add(LongField.newRangeQuery(DUE, today.toEpochDay() + 1, Long.MAX_VALUE), Occur.FILTER).build();
            default -> KeywordField.newExactQuery(RETENTION_PHASE, state);
        };
    }

    /** The user's words ({@link UserQuery}); a 400 for what cannot be searched. */
    private Query textQuery(String text) {
        return UserQuery.parse(analyzer, text);
    }

    private Map<String, Map<String, Long>> facets(IndexReader reader, FacetsCollector collector, LocalDate today) throws IOException {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        FACETS.forEach(dimension -> facets.put(dimension, new LinkedHashMap<>()));
        if (reader.numDocs() == 0) {
            return facets;
        }
        SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(facetState(reader), collector);
        for (String dimension : FACETS) {
            FacetResult result = counts.getTopChildren(MAX_FACET_VALUES, RETENTION.equals(dimension) ? RETENTION_PHASE : dimension);
            if (result != null) {
                for (LabelAndValue label : result.labelValues) {
                    facets.get(dimension).put(label.label, label.value.longValue());
                }
            }
        }
        splitDated(facets.get(RETENTION), collector, today);
        return facets;
    }

    /** Replaces the stored "dated" count by how many of those are due by {@code today} and how many are still scheduled. */
    private static void splitDated(Map<String, Long> retention, FacetsCollector collector, LocalDate today) throws IOException {
        if (retention.remove(DATED) == null) {
            return;
        }
        LongRangeFacetCounts byDueDate = new LongRangeFacetCounts(DUE, collector,
                new LongRange("due", Long.MIN_VALUE, true, today.toEpochDay(), true),
                new LongRange("scheduled", today.toEpochDay(), false, Long.MAX_VALUE, true));
        for (LabelAndValue label : byDueDate.getAllChildren(DUE).labelValues) {
            if (label.value.longValue() > 0) {
                retention.put(label.label, label.value.longValue());
            }
        }
    }

    /** Facet ordinals are per reader; rebuilt only when a refresh brought a new reader. */
    private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
        FacetState current = facetState;
        if (current == null || current.reader() != reader) {
            current = new FacetState(reader, new DefaultSortedSetDocValuesReaderState(reader, facetsConfig));
            facetState = current;
        }
        return current.state();
    }

    private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {
    }
}
