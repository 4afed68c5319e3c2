package no.mappe.web;

import io.javalin.http.Context;
import no.mappe.security.OrganisationProfile;
import no.mappe.security.ProfileService;
import no.mappe.templates.WelcomeFolderPreview;

/** The caller's organisation profile: the texts its documents print. */
final class ProfileController {

    private final ProfileService profiles;
    private final WelcomeFolderPreview preview;

    ProfileController(ProfileService profiles, WelcomeFolderPreview preview) {
        this.profiles = profiles;
        this.preview = preview;
    }

    void get(Context ctx) {
        ctx.json(profiles.get(Requests.caller(ctx).organisationId()));
    }

    void update(Context ctx) {
        ctx.json(profiles.update(Requests.caller(ctx), Requests.body(ctx, OrganisationProfile.class)));
    }

    /** {@code POST /api/organisation/profile/preview?language=}: the welcome folder from the profile sent, nothing saved. */
    void preview(Context ctx) {
        String language = ctx.queryParam("language") == null ? "nb" : ctx.queryParam("language");
        byte[] pdf = preview.render(Requests.caller(ctx), Requests.body(ctx, OrganisationProfile.class), language);
        ctx.contentType("application/pdf").header("Content-Disposition", "inline; filename=\"velkomstmappe.pdf\"").result(pdf);
    }
}
