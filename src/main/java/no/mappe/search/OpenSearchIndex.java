package no.mappe.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.mappe.config.SearchLocation;
import no.mappe.errors.StartupRefused;
import no.mappe.errors.StorageFailure;
import no.mappe.errors.StoreUnreachable;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index in an OpenSearch cluster that every node shares ({@code MAPPE_SEARCH=http://...}).
 * It holds what the local {@link SearchIndex} holds, in the same fields: ids, facet values, access fields,
 * and the text's terms as Mappe's own analysis made them ({@link PreAnalysed}), so matching and scoring
 * are the local index's. The cluster stores no text: {@code _source} is off, and every term list it is
 * sent is analysed text, never the text.
 *
 * <p>Every node applies the outbox to the cluster as it would to its own index. Each entry carries the
 * outbox position of its change as an external version, so an entry sent twice, or late by a slower
 * node, never replaces a newer one, and a removal is not undone by a late copy for {@code index.gc_deletes}
 * (12 hours). Writes refresh before they return: what a node applied, every node finds. The outbox
 * position the cluster holds is a small document of its own in a second index, versioned the same way.
 */
public final class OpenSearchIndex implements SearchEngine {

    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchIndex.class);
    private static final ObjectMapper JSON = OpenSearchClient.JSON;
    /** Rewriting segments after a shred can take a while on a large index. */
    private static final Duration PURGE = Duration.ofMinutes(10);
    private static final String OUTBOX = "outbox";
    private static final String ANALYSIS = "analysis";
    /** An id no entry has (ids are UUIDs): removing it is a write that holds nothing. */
    private static final String PURGE_MARK = "~purge";

    private final SearchLocation.OpenSearch location;
    private final String documents;
    private final String state;
    private final OpenSearchClient client;
    private final Analyzer queries = ScandinavianAnalyzers.forQueries();
    private final Analyzer indexing = ScandinavianAnalyzers.forIndexing();
    private final SearchPlan plan;
    private final AutoCloseable processLock;
    private volatile long appliedSeq;
    /**
     * The shard's sequence number of this node's latest removal or replacement (which leaves the older entry soft-deleted):
     * a purge is complete once every copy's lease is past it.
     */
    private volatile long lastRemovalSeqNo = -1;
    private volatile int analysisVersion;

    private OpenSearchIndex(SearchLocation.OpenSearch location, AutoCloseable processLock) {
        this.location = location;
        this.processLock = processLock;
        this.documents = location.index() + "-documents";
        this.state = location.index() + "-state";
        this.client = new OpenSearchClient(location);
        this.plan = new SearchPlan(queries, new SearchPlan.Engine() {
            @Override
            public long count(Query query) {
                ObjectNode body = JSON.createObjectNode();
                body.set("query", ClusterQueries.of(query));
                return client.call("POST", "/" + documents + "/_count", body).path("count").asLong();
            }

            @Override
            public SearchHits hits(SearchQuery query, Query lucene) {
                return OpenSearchIndex.this.hits(query, lucene);
            }
        });
    }

    /**
     * Connects, makes the two indices when they are missing and reads the outbox position the cluster holds.
     * The process lock of the data directory is held until {@link #close}, and given back if opening fails.
     */
    public static OpenSearchIndex open(SearchLocation.OpenSearch location, AutoCloseable processLock) {
        OpenSearchIndex index = new OpenSearchIndex(location, processLock);
        try {
            index.connect();
            return index;
        } catch (StoreUnreachable e) {
            index.close();
            throw new StartupRefused("The search cluster at " + location.url() + " cannot be reached: " + e.getMessage()
                    + ". Check MAPPE_SEARCH and that the cluster is up", e);
        } catch (StorageFailure e) {
            index.close();
            throw new StartupRefused("The search cluster at " + location.url() + " refused Mappe's index: " + e.getMessage()
                    + ". Check MAPPE_SEARCH_USER and MAPPE_SEARCH_PASSWORD, and the cluster's log", e);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    private void connect() {
        JsonNode about = client.call("GET", "/", null).path("version");
        String version = about.path("number").asText("");
        if (!"opensearch".equals(about.path("distribution").asText()) || !version.startsWith("2.")) {
            throw new StartupRefused("MAPPE_SEARCH names " + location.url() + ", which is not OpenSearch 2.x (it says "
                    + about.path("distribution").asText("?") + " " + version + ")");
        }
        create();
        JsonNode outbox = stateDocument(OUTBOX);
        appliedSeq = outbox == null ? 0 : outbox.path("seq").asLong();
        JsonNode analysis = stateDocument(ANALYSIS);
        analysisVersion = analysis == null ? SearchIndex.ANALYSIS_VERSION : analysis.path("version").asInt();
    }

    /**
     * Makes the indices that are missing. The documents are written through an alias, with {@code require_alias},
     * so a missing index is an error and never made anew by a write with guessed field types.
     */
    private void create() {
        if (!client.exists(documents)) {
            ObjectNode index = documentsIndex();
            index.putObject("aliases").putObject(documents);
            createIndex(documents + "-1", index);
        } else { // an index made by an older version: both settings can change on an open index
            client.call("PUT", "/" + documents + "/_settings", purgeSettings());
        }
        if (!client.exists(state)) {
            ObjectNode settings = JSON.createObjectNode();
            settings.putObject("settings").put("number_of_shards", 1).put("auto_expand_replicas", "0-1");
            settings.putObject("mappings").put("dynamic", false);
            createIndex(state, settings);
            // A new index holds entries of the current analysis.
            putState(ANALYSIS, JSON.createObjectNode().put("version", SearchIndex.ANALYSIS_VERSION), 0);
        }
    }

    private void createIndex(String name, ObjectNode body) {
        JsonNode answer = client.call("PUT", "/" + name, body, 400);
        String error = answer.path("error").path("type").asText("");
        if (answer.path("status").asInt() == 400 && !"resource_already_exists_exception".equals(error)) { // another node's at once is fine
            throw new StartupRefused("The search cluster refused to make the index " + name + ": " + error + " "
                    + answer.path("error").path("reason").asText(""));
        }
    }

    /**
     * What lets a purge take a shredded entry out of every segment. Without them OpenSearch keeps removed entries for
     * replicas that are long in sync (12 h), and its merge policy leaves a segment as it is while under 10% of it is
     * removed: one shredded report among a thousand others would stay in the files.
     */
    private static ObjectNode purgeSettings() {
        return JSON.createObjectNode().put("index.soft_deletes.retention_lease.period", "1m")
                .put("index.merge.policy.expunge_deletes_allowed", 0);
    }

    /**
     * One shard: scores use the same term statistics as the local index (a shard holds a few GB at a
     * million documents). {@code _source} off and no field stored: the cluster holds terms, not text.
     */
    private static ObjectNode documentsIndex() {
        ObjectNode index = JSON.createObjectNode();
        ObjectNode settings = index.putObject("settings");
        settings.put("number_of_shards", 1).put("auto_expand_replicas", "0-1")
                .put("index.gc_deletes", "12h")
                .setAll(purgeSettings());
        ObjectNode analysis = settings.putObject("analysis");
        analysis.putObject("tokenizer").putObject("mappe_positions").put("type", "whitespace").put("max_token_length", 65_536);
        ObjectNode filters = analysis.putObject("filter");
        filters.putObject("mappe_same_position").put("type", "pattern_capture").put("preserve_original", false)
                .putArray("patterns").add("([^|]+)");
        filters.putObject("mappe_gap").put("type", "stop").putArray("stopwords").add(PreAnalysed.SAME_POSITION);
        ObjectNode analyzer = analysis.putObject("analyzer").putObject(PreAnalysed.ANALYZER);
        analyzer.put("type", "custom").put("tokenizer", "mappe_positions");
        analyzer.putArray("filter").add("mappe_same_position").add("mappe_gap");
        ObjectNode mappings = index.putObject("mappings");
        mappings.put("dynamic", "strict");
        mappings.putObject("_source").put("enabled", false);
        ObjectNode fields = mappings.putObject("properties");
        for (String keyword : List.of(SearchPlan.ID, SearchPlan.ORGANISATION, SearchPlan.CASE)) {
            fields.putObject(keyword).put("type", "keyword");
        }
        SearchPlan.KEYWORD_FACETS.forEach(facet -> fields.putObject(facet).put("type", "keyword"));
        fields.putObject(SearchPlan.STAMP).put("type", "long").put("index", false);
        fields.putObject(SearchPlan.ACCESS_LEVEL).put("type", "integer");
        fields.putObject(SearchPlan.DATE).put("type", "long");
        fields.putObject(SearchPlan.DUE).put("type", "long");
        for (String text : List.of(ScandinavianAnalyzers.TEXT_NB, ScandinavianAnalyzers.TEXT_DA, ScandinavianAnalyzers.NAMES)) {
            fields.putObject(text).put("type", "text").put("analyzer", PreAnalysed.ANALYZER);
        }
        return index;
    }

    @Override
    public void apply(Collection<IndexedDocument> upserts, Collection<String> deletes, long outboxSeq) {
        StringBuilder bulk = new StringBuilder();
        // From the outbox, a change another node applied already is refused (409) and costs nothing; a rebuild
        // (no outbox position) writes every entry again at its version, with the current analysis.
        String versioning = outboxSeq > 0 ? "external" : "external_gte";
        for (IndexedDocument document : upserts) {
            bulk.append(action("index", document.id(), document.stamp(), versioning)).append('\n');
            bulk.append(entry(document)).append('\n');
        }
        for (String id : deletes) {
            bulk.append(action("delete", id, outboxSeq, versioning)).append('\n');
        }
        if (!bulk.isEmpty()) {
            noteOutcomes(client.call("POST", "/_bulk?refresh=true", bulk.toString()));
        }
        if (outboxSeq > appliedSeq) {
            putState(OUTBOX, JSON.createObjectNode().put("seq", outboxSeq), outboxSeq);
            appliedSeq = outboxSeq;
        }
    }

    /** An entry sent before with a newer change (409) or removed already (404) is as it should be; anything else fails the batch. */
    private void noteOutcomes(JsonNode answer) {
        for (JsonNode item : answer.path("items")) {
            JsonNode outcome = item.elements().next();
            int status = outcome.path("status").asInt();
            String result = outcome.path("result").asText();
            if (("deleted".equals(result) || "updated".equals(result)) && outcome.has("_seq_no")) { // an older entry is soft-deleted
                lastRemovalSeqNo = Math.max(lastRemovalSeqNo, outcome.path("_seq_no").asLong());
            }
            if (status >= 300 && status != 409 && status != 404) {
                throw new StorageFailure("The search cluster refused an entry (" + status + " "
                        + outcome.path("error").path("type").asText() + "); the change is kept in the outbox and applied again", null);
            }
        }
    }

    private String action(String kind, String id, long version, String versioning) {
        ObjectNode action = JSON.createObjectNode();
        ObjectNode target = action.putObject(kind).put("_index", documents).put("_id", id).put("require_alias", true);
        if (version > 0) {
            target.put("version", version).put("version_type", versioning);
        }
        return action.toString();
    }

    private String entry(IndexedDocument source) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put(SearchPlan.ID, source.id())
                .put(SearchPlan.STAMP, source.stamp())
                .put(SearchPlan.ORGANISATION, source.organisationId())
                .put(SearchPlan.CASE, source.caseId())
                .put(SearchPlan.ACCESS_LEVEL, source.accessLevel())
                .put("type", source.documentType())
                .put("programme", source.programme())
                .put("status", source.status())
                .put("year", Integer.toString(source.date().getYear()))
                .put("counsellor", source.counsellorId())
                .put(SearchPlan.RETENTION_PHASE, source.retentionPhase())
                .put(SearchPlan.DATE, source.date().toEpochDay());
        if (SearchPlan.DATED.equals(source.retentionPhase()) && source.dueDate() != null) {
            entry.put(SearchPlan.DUE, source.dueDate().toEpochDay());
        }
        entry.put(ScandinavianAnalyzers.NAMES, PreAnalysed.of(indexing, ScandinavianAnalyzers.NAMES, SearchIndex.names(source)));
        String field = ScandinavianAnalyzers.textField(source.language());
        entry.put(field, PreAnalysed.of(indexing, field, source.text()));
        return entry.toString();
    }

    /** Each write is durable when it returns (the cluster's translog): staging is applying. */
    @Override
    public void stage(Collection<IndexedDocument> upserts, Collection<String> deletes, long outboxSeq) {
        apply(upserts, deletes, outboxSeq);
    }

    @Override
    public void commit() {
        // nothing is ever left staged
    }

    @Override
    public long appliedSeq() {
        return appliedSeq;
    }

    @Override
    public long committedSeq() {
        return appliedSeq;
    }

    @Override
    public Stamps stamps() {
        return new ClusterWalk(client, documents, null);
    }

    @Override
    public Set<String> idsOf(String organisationId) {
        Set<String> ids = new HashSet<>();
        try (ClusterWalk walk = new ClusterWalk(client, documents, organisationId)) {
            while (walk.next()) {
                ids.add(walk.id());
            }
        }
        return ids;
    }

    @Override
    public void removeAll(Collection<String> documentIds) {
        apply(List.of(), documentIds, 0);
    }

    @Override
    public boolean analysedWithOlderVersion() {
        return analysisVersion < SearchIndex.ANALYSIS_VERSION;
    }

    @Override
    public void markAnalysedWithCurrentVersion() {
        putState(ANALYSIS, JSON.createObjectNode().put("version", SearchIndex.ANALYSIS_VERSION), 0);
        analysisVersion = SearchIndex.ANALYSIS_VERSION;
    }

    /**
     * Flushes and rewrites the segments that hold removed entries. OpenSearch keeps a removed entry (soft-deleted)
     * until the retention lease of every copy of the shard has moved past it, which a background task does every
     * 30 seconds; the entry then goes at the next write and merge. So: flush, and once the leases are past this
     * node's last removal, write (a removal of an id that never exists, which holds nothing), flush and merge
     * again. False until then: the indexer purges again a few seconds later.
     */
    @Override
    public boolean purgeDeleted() {
        long removed = lastRemovalSeqNo;
        client.call("POST", "/" + documents + "/_flush?force=true&wait_if_ongoing=true", null);
        boolean past = retainedFrom() > removed;
        if (past) {
            client.call("DELETE", "/" + documents + "/_doc/" + PURGE_MARK, null, 404);
            client.call("POST", "/" + documents + "/_flush?force=true&wait_if_ongoing=true", null);
        }
        client.call("POST", "/" + documents + "/_forcemerge?only_expunge_deletes=true&flush=true", null, PURGE);
        // Searchers opened before the merge hold the old segment files open; a refresh lets them go, and the files with them.
        client.call("POST", "/" + documents + "/_refresh", null);
        return past;
    }

    /** What a purge waits for, for a test's failure message: this node's last removal, the leases and the segments. */
    String purgeState() {
        return "last removal " + lastRemovalSeqNo + ", retained from " + retainedFrom() + ", segments "
                + client.call("GET", "/" + documents + "/_segments", null);
    }

    /** The lowest operation every copy of the shard still retains (the minimum over their retention leases). */
    private long retainedFrom() {
        JsonNode indices = client.call("GET", "/" + documents + "/_stats?level=shards&filter_path=indices.*.shards.*.retention_leases",
                null).path("indices");
        long lowest = Long.MAX_VALUE;
        for (JsonNode index : indices) {
            for (JsonNode copies : index.path("shards")) {
                for (JsonNode copy : copies) {
                    for (JsonNode lease : copy.path("retention_leases").path("leases")) {
                        lowest = Math.min(lowest, lease.path("retaining_seq_no").asLong());
                    }
                }
            }
        }
        return lowest == Long.MAX_VALUE ? -1 : lowest;
    }

    @Override
    public SearchHits search(SearchQuery query) {
        return plan.search(query);
    }

    private SearchHits hits(SearchQuery query, Query lucene) {
        ObjectNode body = JSON.createObjectNode();
        body.set("query", ClusterQueries.of(lucene));
        body.put("from", query.offset()).put("size", query.limit()).put("track_total_hits", true).put("_source", false);
        if (query.newestFirst()) {
            body.putArray("sort").addObject().putObject(SearchPlan.DATE).put("order", "desc");
        }
        ObjectNode aggregations = body.putObject("aggs");
        for (String facet : SearchPlan.KEYWORD_FACETS) {
            aggregations.putObject(facet).putObject("terms").put("field", facet).put("size", SearchPlan.MAX_FACET_VALUES);
        }
        long today = query.today().toEpochDay();
        ObjectNode dated = aggregations.putObject(SearchPlan.DATED);
        dated.putObject("filter").putObject("term").put(SearchPlan.RETENTION_PHASE, SearchPlan.DATED);
        ArrayNode ranges = dated.putObject("aggs").putObject(SearchPlan.DUE).putObject("range").put("field", SearchPlan.DUE)
                .putArray("ranges");
        ranges.addObject().put("key", "due").put("to", today + 1);
        ranges.addObject().put("key", "scheduled").put("from", today + 1);
        JsonNode result = client.call("POST", "/" + documents + "/_search", body);
        List<String> ids = new ArrayList<>();
        result.path("hits").path("hits").forEach(hit -> ids.add(hit.path("_id").asText()));
        return new SearchHits(result.path("hits").path("total").path("value").asLong(), ids, facets(result.path("aggregations")));
    }

    private static Map<String, Map<String, Long>> facets(JsonNode aggregations) {
        Map<String, Map<String, Long>> facets = SearchPlan.emptyFacets();
        for (String facet : SearchPlan.KEYWORD_FACETS) {
            Map<String, Long> counts = facets.get(SearchPlan.RETENTION_PHASE.equals(facet) ? SearchPlan.RETENTION : facet);
            aggregations.path(facet).path("buckets").forEach(bucket -> counts.put(bucket.path("key").asText(),
                    bucket.path("doc_count").asLong()));
        }
        Map<String, Long> retention = facets.get(SearchPlan.RETENTION);
        if (retention.remove(SearchPlan.DATED) != null) {
            // The stored "dated" count is told apart by the query's date, as the local index does.
            aggregations.path(SearchPlan.DATED).path(SearchPlan.DUE).path("buckets").forEach(bucket -> {
                if (bucket.path("doc_count").asLong() > 0) {
                    retention.put(bucket.path("key").asText(), bucket.path("doc_count").asLong());
                }
            });
        }
        return facets;
    }

    @Override
    public int size() {
        return (int) client.call("GET", "/" + documents + "/_count", null).path("count").asLong();
    }

    /** Gives back the data directory's process lock; the cluster goes on for the other nodes. */
    @Override
    public void close() {
        try {
            processLock.close();
        } catch (Exception e) {
            LOG.debug("Releasing the process lock", e);
        }
    }

    /** The address the index is kept at, for logs (never with a password). */
    @Override
    public String toString() {
        return location + ", " + documents;
    }

    private JsonNode stateDocument(String id) {
        JsonNode found = client.call("GET", "/" + state + "/_doc/" + id, null, 404);
        return found.path("found").asBoolean() ? found.path("_source") : null;
    }

    /**
     * A state document, with an external version when given, so that a position only ever moves forward. No refresh:
     * it is only ever read by id, which OpenSearch answers in real time.
     */
    private void putState(String id, ObjectNode value, long version) {
        String query = version > 0 ? "?version=" + version + "&version_type=external_gte" : "";
        client.call("PUT", "/" + state + "/_doc/" + id + query, value, 409);
    }
}
