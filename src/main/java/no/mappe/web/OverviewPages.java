package no.mappe.web;

import io.javalin.http.Context;
import java.util.Map;
import no.mappe.archive.LeaderOverview;

/** The leader's overview across counsellors: what is overdue or waiting, grouped by counsellor; as a page and as JSON. */
final class OverviewPages {

    private final LeaderOverview overview;
    private final PageRenderer pages;

    OverviewPages(LeaderOverview overview, PageRenderer pages) {
        this.overview = overview;
        this.pages = pages;
    }

    /** {@code GET /overview}. */
    void show(Context ctx) {
        LeaderOverview.Overview found = overview.of(Requests.caller(ctx), pages.language(ctx));
        pages.render(ctx, "overview", Map.of("overview", found, "total",
                found.counts().values().stream().mapToInt(Integer::intValue).sum()));
    }

    /** {@code GET /api/overview}: titles in the caller's language. */
    void json(Context ctx) {
        ctx.json(overview.of(Requests.caller(ctx), pages.language(ctx)));
    }
}
