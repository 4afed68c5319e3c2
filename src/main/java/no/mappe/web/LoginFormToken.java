package no.mappe.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The login form's CSRF token. Before login there is no session to hold one, so the token is a
 * random value in a cookie (SameSite=Strict, HttpOnly, sent only to /login) that the form repeats
 * in a hidden field. Another site can neither read the cookie nor make the browser send it, so it
 * cannot post a login of its own (login CSRF: signing the victim into the attacker's account).
 */
final class LoginFormToken {

    static final String COOKIE = "mappe_login_csrf";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random = new SecureRandom();
    private final boolean secureCookies;

    LoginFormToken(boolean secureCookies) {
        this.secureCookies = secureCookies;
    }

    /** The token for the form about to be shown: the browser's own if it has one, else a new one set as a cookie. */
    String issue(Context ctx) {
        String existing = ctx.cookie(COOKIE);
        if (existing != null && SHAPE.matcher(existing).matches()) {
            return existing; // several login tabs share one token
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ctx.cookie(new Cookie(COOKIE, token, "/login", -1, secureCookies, true, null, SameSite.STRICT));
        return token;
    }

    /** True when the posted form repeats the cookie's token (compared in constant time). */
    boolean matches(Context ctx) {
        String cookie = ctx.cookie(COOKIE);
        String field = ctx.formParam(PageFilter.CSRF_FIELD);
        return cookie != null && field != null && SHAPE.matcher(cookie).matches()
                && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8));
    }
}
