package no.mappe.web;

import io.javalin.http.Context;
import no.mappe.security.OrganisationProfile;
import no.mappe.security.ProfileService;

/** The caller's organisation profile: the texts its documents print. */
final class ProfileController {

    private final ProfileService profiles;

    ProfileController(ProfileService profiles) {
        this.profiles = profiles;
    }

    void get(Context ctx) {
        ctx.json(profiles.get(Requests.caller(ctx).organisationId()));
    }

    void update(Context ctx) {
        ctx.json(profiles.update(Requests.caller(ctx), Requests.body(ctx, OrganisationProfile.class)));
    }
}
