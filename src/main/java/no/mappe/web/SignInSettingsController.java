package no.mappe.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import no.mappe.security.Caller;
import no.mappe.sso.SignInProviders;
import no.mappe.sso.SignInSettings;

/** The leader's single sign-on settings: GET, PUT and DELETE /api/organisation/sign-in. */
final class SignInSettingsController {

    private final SignInProviders providers;
    private final SsoPages ssoPages;

    SignInSettingsController(SignInProviders providers, SsoPages ssoPages) {
        this.providers = providers;
        this.ssoPages = ssoPages;
    }

    void get(Context ctx) {
        ctx.json(answer(ctx, providers.view(Requests.caller(ctx))));
    }

    void put(Context ctx) {
        Caller caller = Requests.caller(ctx);
        ctx.json(answer(ctx, providers.put(caller, Requests.body(ctx, SignInSettings.class))));
    }

    void delete(Context ctx) {
        providers.remove(Requests.caller(ctx));
        ctx.status(204);
    }

    /** The settings without the secret, and the two addresses the leader needs when registering Mappe at the provider. */
    private Map<String, Object> answer(Context ctx, SignInProviders.View view) {
        String organisationId = Requests.caller(ctx).organisationId();
        SignInSettings settings = view.settings();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("issuer", settings.issuer());
        answer.put("clientId", settings.clientId());
        answer.put("clientSecretStored", view.clientSecretStored());
        answer.put("scopes", settings.scopes());
        answer.put("roleClaim", settings.roleClaim());
        answer.put("roles", settings.roles());
        answer.put("nameClaim", settings.nameClaim());
        answer.put("newUsers", settings.newUsers());
        answer.put("matchClaim", settings.matchClaim());
        answer.put("redirectUri", ssoPages.redirectUri(ctx, organisationId));
        answer.put("loginUrl", ssoPages.redirectUri(ctx, organisationId).replace("/callback", ""));
        return answer;
    }
}
