package no.mappe.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import no.mappe.errors.NotAllowed;
import no.mappe.security.Caller;
import no.mappe.security.TimeZones;

/**
 * {@code GET /organisation}: the leader's pages for running the organisation (retention, staff,
 * staff folders, sign-in, the profile, statistics) behind one link, so that the header keeps to
 * one line: the daily pages stay in the menu, the occasional ones are gathered here. The
 * organisation's time zone is chosen here too ({@code POST /organisation/time-zone}).
 */
final class OrganisationPages {

    private final PageRenderer pages;
    private final TimeZones zones;

    OrganisationPages(PageRenderer pages, TimeZones zones) {
        this.pages = pages;
        this.zones = zones;
    }

    void show(Context ctx) {
        Caller caller = leader(ctx);
        String current = zones.of(caller.organisationId()).getId();
        List<Map<String, Object>> choices = TimeZones.CHOICES.stream()
                .map(zone -> Map.<String, Object>of("value", zone, "selected", zone.equals(current))).toList();
        pages.render(ctx, "organisation", Map.of("zones", choices));
    }

    /** The leader chooses the clock the organisation's documents and pages print times on. */
    void saveTimeZone(Context ctx) {
        zones.choose(leader(ctx), ctx.formParam("timeZone"));
        pages.redirect(ctx, "/organisation", Flash.TIME_ZONE_SAVED);
    }

    /** {@code GET /api/organisation/time-zone}. */
    void getTimeZone(Context ctx) {
        String organisationId = Requests.caller(ctx).organisationId();
        ctx.json(Map.of("timeZone", zones.of(organisationId).getId(), "chosen", zones.chosen(organisationId),
                "choices", TimeZones.CHOICES));
    }

    /** {@code PUT /api/organisation/time-zone} with {@code {"timeZone": "Atlantic/Faroe"}}: leader only. */
    void putTimeZone(Context ctx) {
        TimeZoneChoice choice = Requests.body(ctx, TimeZoneChoice.class);
        zones.choose(Requests.caller(ctx), choice.timeZone());
        getTimeZone(ctx);
    }

    record TimeZoneChoice(String timeZone) {
    }

    private static Caller leader(Context ctx) {
        Caller caller = Requests.caller(ctx);
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader runs the organisation's settings");
        }
        return caller;
    }
}
