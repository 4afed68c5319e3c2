package no.mappe.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.search.SearchEngine;
import no.mappe.search.SearchService;
import no.mappe.security.Directory;
import no.mappe.security.User;
import no.mappe.templates.TemplateCatalogue;

/**
 * The archive search: words, facets to filter by, highlighted snippets, paging and sorting. Search
 * words are often names, so they travel in POSTed forms and never in a URL; facets, paging and
 * sorting are buttons of the same form.
 */
final class SearchPages {

    private static final int PAGE_SIZE = 20;

    private final SearchService search;
    private final TemplateCatalogue catalogue;
    private final Directory directory;
    private final PageRenderer pages;

    SearchPages(SearchService search, TemplateCatalogue catalogue, Directory directory, PageRenderer pages) {
        this.search = search;
        this.catalogue = catalogue;
        this.directory = directory;
        this.pages = pages;
    }

    void form(Context ctx) {
        pages.render(ctx, "search", Map.of("q", "", "filters", Map.of(), "searched", false));
    }

    void search(Context ctx) {
        String query = ctx.formParam("q") == null ? "" : ctx.formParam("q");
        Map<String, String> filters = new LinkedHashMap<>();
        for (String facet : SearchEngine.FACETS) {
            String value = ctx.formParam("filter." + facet);
            if (value != null && !value.isBlank()) {
                filters.put(facet, value);
            }
        }
        String toggle = ctx.formParam("toggle");
        int offset = parse(ctx.formParam("offset"));
        if (toggle != null && toggle.contains("=")) {
            String dimension = toggle.substring(0, toggle.indexOf('='));
            String value = toggle.substring(toggle.indexOf('=') + 1);
            if (value.equals(filters.get(dimension))) {
                filters.remove(dimension);
            } else if (SearchEngine.FACETS.contains(dimension)) {
                filters.put(dimension, value);
            }
            offset = 0;
        }
        String sort = ctx.formParam("resort") != null ? ctx.formParam("resort") : ctx.formParam("sort");
        boolean newestFirst = "date".equals(sort);
        SearchService.SearchResult result = search.search(Requests.caller(ctx), query, filters, offset, PAGE_SIZE, newestFirst);
        String language = pages.language(ctx);
        String organisationId = Requests.caller(ctx).organisationId();
        List<Map<String, Object>> facets = new ArrayList<>();
        result.facets().forEach((dimension, counts) -> {
            List<Map<String, Object>> values = new ArrayList<>();
            counts.forEach((value, count) -> values.add(Map.of("label", label(dimension, value, language, organisationId),
                    "count", count, "active", value.equals(filters.get(dimension)), "toggle", dimension + "=" + value)));
            if (!values.isEmpty()) {
                facets.add(Map.of("dimension", dimension, "values", values));
            }
        });
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("searched", true);
        model.put("q", query);
        model.put("result", result);
        model.put("facets", facets);
        model.put("filters", filters);
        model.put("sort", newestFirst ? "date" : "relevance");
        model.put("offset", offset);
        model.put("previousOffset", offset > 0 ? Math.max(0, offset - PAGE_SIZE) : -1);
        model.put("nextOffset", offset + PAGE_SIZE < result.total() ? offset + PAGE_SIZE : -1);
        model.put("from", result.total() == 0 ? 0 : offset + 1);
        model.put("to", Math.min(result.total(), offset + PAGE_SIZE));
        pages.render(ctx, "search", model);
    }

    /** What a facet value means to a reader: a document type's title, a counsellor's name, a status in words. */
    private String label(String dimension, String value, String language, String organisationId) {
        return switch (dimension) {
            case "type" -> catalogue.all(organisationId).stream().map(TemplateCatalogue.Template::manifest)
                    .filter(m -> m.documentType().equals(value))
                    .findFirst().map(m -> m.title(language)).orElse(value);
            case "counsellor" -> directory.user(organisationId, value).map(User::displayName).orElse(value);
            case "status" -> PageRenderer.text(language, "status." + value);
            case "retention" -> PageRenderer.text(language, "retention." + value);
            default -> value;
        };
    }

    private static int parse(String offset) {
        try {
            return offset == null ? 0 : Math.max(0, Math.min(100_000, Integer.parseInt(offset)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
