package no.mappe.search;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import no.mappe.errors.StartupRefused;
import no.mappe.errors.StorageFailure;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
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
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of document text. It is derived data: the database and blobs are the truth, the
 * {@link Indexer} is the only writer (it applies the {@link IndexOutbox} in order) and {@code reindex}
 * rebuilds it. Every change is visible to the next search at once (a near-real-time reader of the
 * writer). The indexer stages outbox changes and commits (fsyncs) them in groups, about once a
 * second; other writes commit before they return. Each commit records the last outbox sequence
 * number it contains, and each entry the stamp of the change it was built from, so nothing is lost
 * or applied twice across crashes: what a crash loses is replayed from the database's outbox.
 *
 * <p>A failed write (a full disk, an I/O error) rolls the writer back to its last commit and opens
 * it again, so the next attempt starts from a known state without a restart; searches keep using
 * the last good reader meanwhile.
 *
 * <p>Only ids are stored; text and names are indexed, never stored, so the index cannot hand back
 * content. Access filters are applied inside the query, so totals and facet counts only ever count
 * what the caller may see.
 */
public final class SearchIndex implements SearchEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
    /** The commit-data key holding the last outbox sequence number the commit contains. */
    private static final String OUTBOX_SEQ = "outboxSeq";
    /**
     * The commit-data key holding the version of the text analysis the entries were made with. Raise
     * {@link #ANALYSIS_VERSION} whenever {@link ScandinavianAnalyzers} or the indexed fields change: an
     * index of an older version is rebuilt in the background at start (entries without a version are 1).
     */
    private static final String ANALYSIS = "analysis";
    /** 2: Hunspell forms, compound parts, plain-keyboard forms and names from the text. */
    static final int ANALYSIS_VERSION = 2;
    private static final String STAMP = SearchPlan.STAMP;
    private static final String ID = SearchPlan.ID;
    private static final String ORGANISATION = SearchPlan.ORGANISATION;
    private static final String CASE = SearchPlan.CASE;
    private static final String ACCESS_LEVEL = SearchPlan.ACCESS_LEVEL;
    private static final String DATE = SearchPlan.DATE;
    private static final String RETENTION = SearchPlan.RETENTION;
    private static final String RETENTION_PHASE = SearchPlan.RETENTION_PHASE;
    private static final String DATED = SearchPlan.DATED;
    private static final String DUE = SearchPlan.DUE;

    private final Directory directory;
    private final Object writeLock = new Object();
    private final Analyzer analyzer = ScandinavianAnalyzers.forQueries();
    private final SearchPlan plan = new SearchPlan(analyzer, new SearchPlan.Engine() {
        @Override
        public long count(Query query) {
            return withSearcher(searcher -> (long) searcher.count(query));
        }

        @Override
        public SearchHits hits(SearchQuery query, Query lucene) {
            return search(query, lucene);
        }
    });
    private final FacetsConfig facetsConfig = new FacetsConfig();
    private volatile Writing writing;
    private volatile FacetState facetState;
    /** The analysis version of the entries, as read when the index was opened; written with every outbox commit. */
    private volatile int analysisVersion;
    /** The outbox position of the last commit, read at opening and after each commit or rollback. */
    private volatile long committedSeq;

    /** The writer and the searchers opened from it; replaced together when a failed write is recovered. */
    private record Writing(IndexWriter writer, SearcherManager searchers) {
    }

    private SearchIndex(Directory directory, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.writing = new Writing(writer, new SearcherManager(writer, null));
        this.analysisVersion = analysisVersion(writer);
        this.committedSeq = appliedSeq(writer);
    }

    public static SearchIndex open(Path path) {
        try {
            Directory directory = FSDirectory.open(path);
            try {
                return new SearchIndex(directory, new IndexWriter(directory, writerConfig()));
            } catch (LockObtainFailedException e) {
                directory.close();
                throw new StartupRefused("The search index at " + path + " is in use by another Mappe process; stop it first", e);
            }
        } catch (IOException e) {
            throw new StartupRefused("Cannot open the search index at " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Holds the index directory's write lock without an index, as a process lock when the index is
     * elsewhere (a search cluster): maintenance commands that open the local index still find it taken.
     */
    public static AutoCloseable lock(Path path) {
        try {
            java.nio.file.Files.createDirectories(path);
            Directory directory = FSDirectory.open(path);
            try {
                org.apache.lucene.store.Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME);
                return () -> {
                    lock.close();
                    directory.close();
                };
            } catch (LockObtainFailedException e) {
                directory.close();
                throw new StartupRefused("The data directory " + path.getParent() + " is in use by another Mappe process; stop it first",
                        e);
            }
        } catch (IOException e) {
            throw new StartupRefused("Cannot lock the data directory at " + path.getParent() + ": " + e.getMessage(), e);
        }
    }

    private static IndexWriterConfig writerConfig() {
        TieredMergePolicy mergePolicy = new TieredMergePolicy();
        // Shredding must rewrite every segment that still holds a deleted document's terms.
        mergePolicy.setForceMergeDeletesPctAllowed(0);
        return new IndexWriterConfig(ScandinavianAnalyzers.forIndexing())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setMergePolicy(mergePolicy)
                // Only what was committed counts; a writer closed after a failure keeps nothing half-written.
                .setCommitOnClose(false);
    }

    /**
     * Adds or replaces documents and removes others in one commit that also records the last outbox
     * sequence number they come from. On failure nothing of it is kept and the writer is reopened.
     */
    public void apply(Collection<IndexedDocument> upserts, Collection<String> deletes, long outboxSeq) {
        write(writer -> change(writer, upserts, deletes, outboxSeq), true);
    }

    /**
     * Like {@link #apply} but without a commit: the change is visible to the next search at once and
     * becomes durable with the next {@link #commit}, together with the outbox position it is recorded
     * under. Until then a crash loses it and the outbox rows after {@link #committedSeq} are replayed;
     * a failed write rolls back to the last commit, so {@link #appliedSeq} falls back to it too.
     */
    public void stage(Collection<IndexedDocument> upserts, Collection<String> deletes, long outboxSeq) {
        write(writer -> change(writer, upserts, deletes, outboxSeq), false);
    }

    /** Commits what was staged (with the outbox position it reached); nothing happens when nothing was. */
    public void commit() {
        synchronized (writeLock) {
            if (writing.writer().hasUncommittedChanges()) {
                write(writer -> { }, true);
            }
        }
    }

    private void change(IndexWriter writer, Collection<IndexedDocument> upserts, Collection<String> deletes, long outboxSeq)
            throws IOException {
        for (IndexedDocument document : upserts) {
            try {
                writer.updateDocument(new Term(ID, document.id()), facetsConfig.build(toLucene(document)));
            } catch (IllegalArgumentException e) {
                // This document's content cannot be indexed (Lucene refuses it); it must not hold up every later change.
                LOG.warn("Document {} could not be indexed and is left out of search (Lucene refused its content)", document.id());
            }
        }
        for (String id : deletes) {
            writer.deleteDocuments(new Term(ID, id));
        }
        // The live commit data goes into the next commit with every change made before it, so the
        // position it records never covers a row whose change that commit lacks.
        if (outboxSeq > appliedSeq(writer)) {
            writer.setLiveCommitData(Map.of(OUTBOX_SEQ, Long.toString(outboxSeq),
                    ANALYSIS, Integer.toString(analysisVersion)).entrySet());
        }
    }

    /** Whether the index holds entries made with an older text analysis, so that it should be rebuilt. */
    public boolean analysedWithOlderVersion() {
        return analysisVersion < ANALYSIS_VERSION;
    }

    /** Records that every entry has been made again with the current analysis (after a complete rebuild). */
    public void markAnalysedWithCurrentVersion() {
        write(writer -> writer.setLiveCommitData(Map.of(OUTBOX_SEQ, Long.toString(appliedSeq(writer)),
                ANALYSIS, Integer.toString(ANALYSIS_VERSION)).entrySet()), true);
        analysisVersion = ANALYSIS_VERSION;
    }

    /** The analysis version of a committed index; a new, empty index is made with the current one. */
    private static int analysisVersion(IndexWriter writer) {
        String version = commitData(writer, ANALYSIS);
        if (version != null) {
            return Integer.parseInt(version);
        }
        return writer.getDocStats().numDocs == 0 && commitData(writer, OUTBOX_SEQ) == null ? ANALYSIS_VERSION : 1;
    }

    private static String commitData(IndexWriter writer, String key) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (key.equals(entry.getKey())) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }

    /**
     * The last outbox sequence number the index holds, committed or only staged (0 for a new or
     * pre-outbox index). Searches see everything up to it.
     */
    public long appliedSeq() {
        return appliedSeq(writing.writer());
    }

    /** The last outbox sequence number in the index's last commit: what survives a crash. */
    public long committedSeq() {
        return committedSeq;
    }

    private static long appliedSeq(IndexWriter writer) {
        String seq = commitData(writer, OUTBOX_SEQ);
        return seq == null ? 0 : Long.parseLong(seq);
    }

    /**
     * Every document in the index with the stamp it was built from, in id order (UTF-8 byte order),
     * so the start-up check can walk it beside the database's documents without holding either in
     * memory. Close it to release the reader.
     */
    public StampCursor stamps() {
        for (int attempt = 0; ; attempt++) {
            SearcherManager searchers = writing.searchers();
            try {
                return new StampCursor(searchers, searchers.acquire());
            } catch (AlreadyClosedException e) {
                if (attempt >= 2) {
                    throw new StorageFailure("The search index is being reopened; try again in a moment", e);
                }
            } catch (IOException e) {
                throw new StorageFailure("The search index could not be read", e);
            }
        }
    }

    /** A walk over the index's entries by id; {@link #stamp()} is -1 for entries made before stamps existed. */
    public static final class StampCursor implements Stamps {

        private final SearcherManager searchers;
        private final IndexSearcher searcher;
        private final long[] stampByDoc;
        private final Bits live;
        private final TermsEnum terms;
        private PostingsEnum postings;
        private String id;
        private long stamp;

        private StampCursor(SearcherManager searchers, IndexSearcher searcher) throws IOException {
            this.searchers = searchers;
            this.searcher = searcher;
            IndexReader reader = searcher.getIndexReader();
            this.stampByDoc = new long[reader.maxDoc()];
            java.util.Arrays.fill(stampByDoc, -1);
            for (LeafReaderContext leaf : reader.leaves()) {
                NumericDocValues stamps = DocValues.getNumeric(leaf.reader(), STAMP);
                for (int doc = stamps.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = stamps.nextDoc()) {
                    stampByDoc[leaf.docBase + doc] = stamps.longValue();
                }
            }
            this.live = org.apache.lucene.index.MultiBits.getLiveDocs(reader);
            Terms ids = MultiTerms.getTerms(reader, ID);
            this.terms = ids == null ? null : ids.iterator();
        }

        /** Moves to the next entry; false at the end. */
        public boolean next() {
            if (terms == null) {
                return false;
            }
            try {
                for (BytesRef term = terms.next(); term != null; term = terms.next()) {
                    postings = terms.postings(postings, PostingsEnum.NONE);
                    for (int doc = postings.nextDoc(); doc != PostingsEnum.NO_MORE_DOCS; doc = postings.nextDoc()) {
                        if (live == null || live.get(doc)) {
                            id = term.utf8ToString();
                            stamp = stampByDoc[doc];
                            return true;
                        }
                    }
                }
                return false;
            } catch (IOException e) {
                throw new StorageFailure("The search index could not be read", e);
            }
        }

        public String id() {
            return id;
        }

        public long stamp() {
            return stamp;
        }

        @Override
        public void close() {
            try {
                searchers.release(searcher);
            } catch (IOException | AlreadyClosedException e) {
                LOG.debug("Releasing a searcher", e);
            }
        }
    }

    /** The ids of every document of an organisation in the index, e.g. to find stale entries after a rebuild. */
    public java.util.Set<String> idsOf(String organisationId) {
        return withSearcher(searcher -> {
            java.util.Set<String> ids = new java.util.HashSet<>();
            Query query = KeywordField.newExactQuery(ORGANISATION, organisationId);
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : searcher.search(query, Math.max(1, searcher.getIndexReader().maxDoc())).scoreDocs) {
                ids.add(stored.document(hit.doc).get(ID));
            }
            return ids;
        });
    }

    /** Removes documents by id in one commit. */
    public void removeAll(java.util.Collection<String> documentIds) {
        apply(List.of(), documentIds, 0);
    }

    /**
     * Rewrites every segment that holds deleted documents and deletes the old segment files, so a
     * shredded document's terms are in no file of the index.
     */
    @Override
    public boolean purgeDeleted() {
        write(writer -> writer.forceMergeDeletes(true), true);
        synchronized (writeLock) {
            try {
                writing.writer().deleteUnusedFiles();
            } catch (IOException e) {
                throw new StorageFailure("Could not purge shredded documents from the search index", e);
            }
        }
        return true;
    }

    @Override
    public SearchHits search(SearchQuery query) {
        return plan.search(query);
    }

    private SearchHits search(SearchQuery query, Query lucene) {
        return withSearcher(searcher -> {
            int wanted = Math.max(1, query.offset() + query.limit());
            FacetsCollectorManager.FacetsResult result = query.newestFirst()
                    ? FacetsCollectorManager.search(searcher, lucene, wanted,
                            new Sort(LongField.newSortField(DATE, true, SortedNumericSelector.Type.MAX)), new FacetsCollectorManager())
                    : FacetsCollectorManager.search(searcher, lucene, wanted, new FacetsCollectorManager());
            // The facets collector saw every match already: counting them again would walk the postings twice.
            long total = 0;
            for (FacetsCollector.MatchingDocs leaf : result.facetsCollector().getMatchingDocs()) {
                total += leaf.totalHits();
            }
            StoredFields stored = searcher.storedFields();
            List<String> ids = new ArrayList<>();
            ScoreDoc[] docs = result.topDocs().scoreDocs;
            for (int i = query.offset(); i < docs.length && ids.size() < query.limit(); i++) {
                ids.add(stored.document(docs[i].doc).get(ID));
            }
            return new SearchHits(total, ids, facets(searcher.getIndexReader(), result.facetsCollector(), query.today()));
        });
    }

    /** The hit's words in context; see {@link Snippets}. */
    public String snippet(String text, String query, String language) {
        return Snippets.of(text, query, language, Map.of(), Letterhead.NONE);
    }

    /** The snippet of a hit found with near spellings of some words ({@link SearchHits#widened()}), those marked too. */
    public String snippet(String text, String query, String language, Map<String, Integer> widened) {
        return Snippets.of(text, query, language, widened, Letterhead.NONE);
    }

    /** Number of documents in the index (all organisations). */
    public int size() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            try {
                Writing current = writing;
                current.searchers().close();
                current.writer().close();
                directory.close();
            } catch (IOException | AlreadyClosedException e) {
                throw new StorageFailure("The search index could not be closed cleanly", e);
            }
        }
    }

    /** Work with the index writer, committed and made visible when it returns. */
    @FunctionalInterface
    private interface WriterWork {
        void run(IndexWriter writer) throws IOException;
    }

    /**
     * Runs one write, commits it when asked (with whatever was staged before it) and makes it visible.
     * Any failure (a full disk, an I/O error, a writer Lucene closed after a tragic error) rolls back
     * to the last commit and opens a fresh writer, so the caller can simply try again later; no
     * restart is needed.
     */
    private void write(WriterWork work, boolean commit) {
        synchronized (writeLock) {
            try {
                IndexWriter writer = writing.writer();
                work.run(writer);
                if (commit) {
                    writer.commit();
                    committedSeq = appliedSeq(writer);
                }
                writing.searchers().maybeRefreshBlocking();
            } catch (IOException | IllegalStateException e) {
                reopenAfter(e);
                throw new StorageFailure("Could not update the search index; the change is kept in the outbox and applied again", e);
            }
        }
    }

    /** Called with the write lock held: drop the broken writer (keeping the last commit) and open a new one. */
    private void reopenAfter(Exception failure) {
        LOG.warn("The search index writer failed ({}); rolling back to its last commit and reopening it",
                failure.getClass().getSimpleName());
        Writing broken = writing;
        try {
            broken.writer().rollback();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Rolling back the failed index writer", e);
        }
        try {
            IndexWriter writer = new IndexWriter(directory, writerConfig());
            writing = new Writing(writer, new SearcherManager(writer, null));
            committedSeq = appliedSeq(writer);
            broken.searchers().close();
        } catch (IOException | RuntimeException e) {
            // Still failing (the disk may still be full): the next write tries again; searches keep the old reader.
            LOG.warn("The search index writer could not be reopened yet: {}", e.getClass().getSimpleName());
        }
    }

    /** Reads with a searcher of the current writer; a searcher of a writer just replaced is taken again once. */
    private <T> T withSearcher(SearcherWork<T> work) {
        for (int attempt = 0; ; attempt++) {
            SearcherManager searchers = writing.searchers();
            IndexSearcher searcher;
            try {
                searcher = searchers.acquire();
            } catch (AlreadyClosedException e) {
                if (attempt < 2) {
                    continue;
                }
                throw new StorageFailure("The search index is being reopened; try again in a moment", e);
            } catch (IOException e) {
                throw new StorageFailure("The search index could not be read", e);
            }
            try {
                return work.run(searcher);
            } catch (IOException e) {
                throw new StorageFailure("The search index could not be read", e);
            } finally {
                try {
                    searchers.release(searcher);
                } catch (IOException | AlreadyClosedException e) {
                    LOG.debug("Releasing a searcher", e);
                }
            }
        }
    }

    @FunctionalInterface
    private interface SearcherWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    private static Document toLucene(IndexedDocument source) {
        Document document = new Document();
        document.add(new KeywordField(ID, source.id(), Field.Store.YES));
        document.add(new NumericDocValuesField(STAMP, source.stamp()));
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
        document.add(new TextField(ScandinavianAnalyzers.NAMES, names(source), Field.Store.NO));
        document.add(new TextField(ScandinavianAnalyzers.textField(source.language()), source.text(), Field.Store.NO));
        return document;
    }

    /** What the names field is made of: the case's people, and the names in the text. */
    static String names(IndexedDocument source) {
        return source.names() + "\n" + NameWords.of(source.text(), Dictionaries.of(source.language()));
    }

    private static void facet(Document document, String dimension, String value) {
        document.add(new KeywordField(dimension, value, Field.Store.NO));
        document.add(new SortedSetDocValuesFacetField(dimension, value));
    }

    private Map<String, Map<String, Long>> facets(IndexReader reader, FacetsCollector collector, LocalDate today) throws IOException {
        Map<String, Map<String, Long>> facets = SearchPlan.emptyFacets();
        if (reader.numDocs() == 0) {
            return facets;
        }
        SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(facetState(reader), collector);
        for (String dimension : FACETS) {
            FacetResult result = counts.getTopChildren(SearchPlan.MAX_FACET_VALUES,
                    RETENTION.equals(dimension) ? RETENTION_PHASE : dimension);
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
