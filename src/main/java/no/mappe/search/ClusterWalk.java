package no.mappe.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Every entry of the cluster's index (or an organisation's) by id, a page at a time, in id order (search_after on the id). */
final class ClusterWalk implements SearchEngine.Stamps {

    private static final int PAGE = 10_000;

    private final OpenSearchClient client;
    private final String index;
    private final String organisationId;
    private final List<String[]> page = new ArrayList<>();
    private int at;
    private String after;
    private boolean last;
    private String id;
    private long stamp;

    /** {@code organisationId} null walks every organisation's entries. */
    ClusterWalk(OpenSearchClient client, String index, String organisationId) {
        this.client = client;
        this.index = index;
        this.organisationId = organisationId;
    }

    @Override
    public boolean next() {
        if (at == page.size()) {
            if (last) {
                return false;
            }
            load();
            if (page.isEmpty()) {
                return false;
            }
        }
        String[] entry = page.get(at++);
        id = entry[0];
        stamp = entry[1] == null ? -1 : Long.parseLong(entry[1]);
        return true;
    }

    private void load() {
        ObjectNode body = OpenSearchClient.JSON.createObjectNode();
        body.put("size", PAGE).put("_source", false).put("track_total_hits", false);
        if (organisationId == null) {
            body.putObject("query").putObject("match_all");
        } else {
            body.putObject("query").putObject("term").put(SearchPlan.ORGANISATION, organisationId);
        }
        body.putArray("docvalue_fields").add(SearchPlan.ID).add(SearchPlan.STAMP);
        body.putArray("sort").addObject().put(SearchPlan.ID, "asc");
        if (after != null) {
            body.putArray("search_after").add(after);
        }
        JsonNode hits = client.call("POST", "/" + index + "/_search", body).path("hits").path("hits");
        page.clear();
        at = 0;
        for (JsonNode hit : hits) {
            JsonNode fields = hit.path("fields");
            JsonNode stampValue = fields.path(SearchPlan.STAMP).path(0);
            page.add(new String[] {fields.path(SearchPlan.ID).path(0).asText(), stampValue.isMissingNode() ? null : stampValue.asText()});
        }
        last = page.size() < PAGE;
        if (!page.isEmpty()) {
            after = page.get(page.size() - 1)[0];
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public long stamp() {
        return stamp;
    }

    @Override
    public void close() {
        // nothing is held open between pages
    }
}
