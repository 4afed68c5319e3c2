package no.mappe.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import no.mappe.errors.NotAuthenticated;
import no.mappe.errors.TooManyAttempts;
import no.mappe.security.Authenticator;
import no.mappe.security.Device;
import no.mappe.security.LoginAttempts;
import no.mappe.security.SecondFactors;
import no.mappe.security.Session;
import no.mappe.sso.SignInProviders;

/**
 * The login page, logging out, and the language a user reads the pages in (remembered per user).
 * After the password, a user with a second factor goes on to its page ({@link AccountPages}).
 */
final class LoginPages {

    private final Authenticator authenticator;
    private final SecondFactors secondFactors;
    private final no.mappe.security.Directory directory;
    private final SessionFilter sessionFilter;
    private final PageRenderer pages;
    private final boolean secureCookies;
    private final LoginFormToken formToken;
    private final SignInProviders signInProviders;

    LoginPages(Authenticator authenticator, SecondFactors secondFactors, no.mappe.security.Directory directory,
               SessionFilter sessionFilter, PageRenderer pages, boolean secureCookies, SignInProviders signInProviders) {
        this.authenticator = authenticator;
        this.secondFactors = secondFactors;
        this.directory = directory;
        this.sessionFilter = sessionFilter;
        this.pages = pages;
        this.secureCookies = secureCookies;
        this.formToken = new LoginFormToken(secureCookies);
        this.signInProviders = signInProviders;
    }

    void form(Context ctx) {
        if (ctx.attribute(Requests.SESSION) != null) {
            ctx.redirect("/cases", HttpStatus.SEE_OTHER);
            return;
        }
        String language = ctx.queryParam("lang");
        if (language != null && PageRenderer.LANGUAGES.contains(language)) {
            rememberLanguage(ctx, language);
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
            return;
        }
        render(ctx, Map.of());
    }

    void login(Context ctx) {
        if (!formToken.matches(ctx)) {
            // Not from our own form (or its cookie is gone): show a fresh form rather than check a password.
            ctx.status(403);
            render(ctx, Map.of("error", "login.expired"));
            return;
        }
        String username = ctx.formParam("username") == null ? "" : ctx.formParam("username").strip();
        String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
        try {
            Session session = authenticator.login(username, password, Device.fromUserAgent(ctx.userAgent()));
            sessionFilter.setCookie(ctx, session);
            SecondFactors.Step step = secondFactors.stepFor(session);
            ctx.redirect(step == SecondFactors.Step.DONE ? "/cases" : SignInGate.pageFor(step), HttpStatus.SEE_OTHER);
        } catch (TooManyAttempts e) {
            long seconds = e.retryAfter().map(Duration::toSeconds).orElse(LoginAttempts.WINDOW.toSeconds());
            ctx.status(429).header("Retry-After", String.valueOf(seconds));
            render(ctx, Map.of("error", "login.locked", "minutes", (seconds + 59) / 60, "username", username));
        } catch (NotAuthenticated e) {
            ctx.status(401);
            render(ctx, Map.of("error", "login.wrong", "username", username));
        }
    }

    private void render(Context ctx, Map<String, Object> model) {
        Map<String, Object> withToken = new HashMap<>(model);
        withToken.put("loginToken", formToken.issue(ctx));
        withToken.put("singleSignOn", signInProviders.organisationsWithSignIn());
        pages.render(ctx, "login", withToken);
    }

    void logout(Context ctx) {
        authenticator.logout(Requests.session(ctx));
        sessionFilter.clearCookie(ctx);
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    /** Switches the pages' language for this user (on every device) and goes back to where they were. */
    void language(Context ctx) {
        String language = ctx.formParam("lang");
        if (language != null && PageRenderer.LANGUAGES.contains(language)) {
            directory.setLanguage(Requests.caller(ctx).userId(), language);
        }
        String back = ctx.formParam("back");
        // Only a path of this service: never "//host" or "/\host", which browsers would take elsewhere.
        boolean local = back != null && back.matches("/[A-Za-z0-9/_.-]*") && !back.startsWith("//");
        pages.redirect(ctx, local ? back : "/cases", Flash.LANGUAGE_CHANGED);
    }

    private void rememberLanguage(Context ctx, String language) {
        ctx.cookie(new Cookie(PageRenderer.LANGUAGE_COOKIE, language, "/", 365 * 24 * 3600, secureCookies, true, null, SameSite.STRICT));
    }
}
