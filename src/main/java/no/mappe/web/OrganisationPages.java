package no.mappe.web;

import io.javalin.http.Context;
import java.util.Map;
import no.mappe.errors.NotAllowed;

/**
 * {@code GET /organisation}: the leader's pages for running the organisation (retention, staff,
 * staff folders, sign-in, the profile, statistics) behind one link, so that the header keeps to
 * one line: the daily pages stay in the menu, the occasional ones are gathered here.
 */
final class OrganisationPages {

    private final PageRenderer pages;

    OrganisationPages(PageRenderer pages) {
        this.pages = pages;
    }

    void show(Context ctx) {
        if (!Requests.caller(ctx).isLeader()) {
            throw new NotAllowed("Only the leader runs the organisation's settings");
        }
        pages.render(ctx, "organisation", Map.of());
    }
}
