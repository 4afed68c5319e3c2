package no.mappe.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import no.mappe.errors.SignInRefused;
import no.mappe.security.Session;
import no.mappe.sso.SingleSignOn;

/**
 * "Sign in with your organisation's account": sends the browser to the organisation's identity
 * provider and takes its answer. The browser gets a random binding cookie of its own when it
 * starts; only an answer arriving with that cookie can finish the sign-in, so a code and state
 * taken from someone else's sign-in are useless in another browser. A refusal is a page that says
 * what to do, and leaves no session.
 */
final class SsoPages {

    static final String PREFIX = "/login/sso/";
    static final String BROWSER_COOKIE = "mappe_sso";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SingleSignOn singleSignOn;
    private final SessionFilter sessionFilter;
    private final PageRenderer pages;
    private final boolean secureCookies;
    private final Optional<URI> publicUrl;
    private final SecureRandom random = new SecureRandom();

    SsoPages(SingleSignOn singleSignOn, SessionFilter sessionFilter, PageRenderer pages, boolean secureCookies, Optional<URI> publicUrl) {
        this.singleSignOn = singleSignOn;
        this.sessionFilter = sessionFilter;
        this.pages = pages;
        this.secureCookies = secureCookies;
        this.publicUrl = publicUrl;
    }

    /** GET /login/sso/{organisationId}: on to the provider. */
    void start(Context ctx) {
        String organisationId = ctx.pathParam("organisationId");
        try {
            URI provider = singleSignOn.begin(organisationId, browserSecret(ctx), URI.create(redirectUri(ctx, organisationId)));
            ctx.redirect(provider.toString(), HttpStatus.SEE_OTHER);
        } catch (SignInRefused refused) {
            refuse(ctx, organisationId, refused);
        }
    }

    /** GET /login/sso/{organisationId}/callback: the provider's answer. */
    void callback(Context ctx) {
        String organisationId = ctx.pathParam("organisationId");
        try {
            Session session = singleSignOn.complete(organisationId, ctx.cookie(BROWSER_COOKIE),
                    new SingleSignOn.Answer(ctx.queryParam("state"), ctx.queryParam("code"), ctx.queryParam("error")));
            sessionFilter.setCookie(ctx, session);
            // A page, not a redirect: the session cookie is SameSite=Strict, and a browser does not send it on a
            // redirect that began at the provider's site. Moving on from this page is a same-site navigation.
            pages.render(ctx, "sign-in-done", Map.of());
        } catch (SignInRefused refused) {
            refuse(ctx, organisationId, refused);
        }
    }

    /** The callback address registered at the provider for this organisation. */
    String redirectUri(Context ctx, String organisationId) {
        String base = publicUrl.map(URI::toString).orElseGet(() -> ctx.scheme() + "://" + ctx.host());
        return base + PREFIX + organisationId + "/callback";
    }

    private void refuse(Context ctx, String organisationId, SignInRefused refused) {
        ctx.status(refused.reason().status());
        pages.render(ctx, "sign-in-refused", Map.of("reason", refused.reason().code(),
                "organisationName", singleSignOn.organisationName(organisationId).orElse(""), "organisationId", organisationId));
    }

    /**
     * The browser's binding secret: the one it has, or a new one. SameSite=Lax, because the
     * provider's answer is a top-level navigation from another site, which Strict would not carry.
     */
    private String browserSecret(Context ctx) {
        String existing = ctx.cookie(BROWSER_COOKIE);
        if (existing != null && SHAPE.matcher(existing).matches()) {
            return existing;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ctx.cookie(new Cookie(BROWSER_COOKIE, secret, "/login/sso", -1, secureCookies, true, null, SameSite.LAX));
        return secret;
    }
}
