package no.mappe.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import no.mappe.search.SearchEngine;
import no.mappe.search.SearchService;

/** {@code GET /api/search?q=&type=&programme=&status=&year=&counsellor=&sort=relevance|date&offset=&limit=}. */
final class SearchController {

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    void search(Context ctx) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String facet : SearchEngine.FACETS) {
            String value = ctx.queryParam(facet);
            if (value != null && !value.isBlank()) {
                filters.put(facet, value.strip());
            }
        }
        int offset = Requests.intQuery(ctx, "offset", 0, 10_000);
        int limit = Requests.intQuery(ctx, "limit", 20, SearchService.MAX_PAGE);
        String sort = ctx.queryParam("sort");
        if (sort != null && !sort.equals("relevance") && !sort.equals("date")) {
            throw new no.mappe.errors.BadRequest("sort must be relevance or date");
        }
        ctx.json(search.search(Requests.caller(ctx), ctx.queryParam("q"), filters, offset, limit, "date".equals(sort)));
    }
}
