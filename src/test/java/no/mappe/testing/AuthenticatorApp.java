package no.mappe.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.mappe.security.Totp;

/**
 * What a phone's authenticator app does, for tests: holds the secret it was given (as base32 text,
 * the way a person types it in) and shows the code for the current 30-second step of a clock.
 * The server takes each code once, so {@link #enrol} and {@link #signIn} use a fresh one: when this
 * step's code was used already, they move a {@link MovableClock} on by a step, or wait for the
 * next step of a real clock (at most 30 seconds).
 */
public final class AuthenticatorApp {

    private final byte[] secret;
    private final Clock clock;
    private final List<String> recoveryCodes = new ArrayList<>();
    private long lastUsedStep = -1;

    public AuthenticatorApp(String base32Secret, Clock clock) {
        this.secret = fromBase32(base32Secret);
        this.clock = clock;
    }

    /**
     * Sets up a second factor for the signed-in user through the API (begin, confirm with the
     * current code) and moves the client to the session's new CSRF token.
     */
    public static AuthenticatorApp enrol(Api api, Clock clock) {
        Api.Response begun = api.post("/api/me/second-factor", "");
        if (begun.status() != 201) {
            throw new IllegalStateException("Could not begin setting up a second factor: " + begun);
        }
        AuthenticatorApp app = new AuthenticatorApp(begun.json().get("secret").asText(), clock);
        Api.Response confirmed = api.post("/api/me/second-factor/confirm", "{\"code\": \"" + app.freshCode() + "\"}");
        if (confirmed.status() != 200) {
            throw new IllegalStateException("Could not confirm the second factor: " + confirmed);
        }
        api.useCsrfToken(confirmed.json().get("csrfToken").asText());
        for (JsonNode code : confirmed.json().get("recoveryCodes")) {
            app.recoveryCodes.add(code.asText());
        }
        return app;
    }

    /**
     * Sets up a second factor on the page a browser was sent to after the password
     * ({@code /account/second-factor}): reads the secret shown as text, confirms with a code and
     * waits for the recovery codes, which it keeps.
     */
    public static AuthenticatorApp enrol(Browser browser, Clock clock) {
        browser.waitForPath("/account/second-factor");
        AuthenticatorApp app = new AuthenticatorApp(browser.find(org.openqa.selenium.By.id("secret")).getText(), clock);
        browser.find(org.openqa.selenium.By.id("code")).sendKeys(app.freshCode(), org.openqa.selenium.Keys.ENTER);
        org.openqa.selenium.By codes = org.openqa.selenium.By.cssSelector("ul.recovery-codes li");
        browser.waitUntil(() -> !browser.driver().findElements(codes).isEmpty());
        browser.driver().findElements(codes).forEach(code -> app.recoveryCodes.add(code.getText()));
        return app;
    }

    /** Passes the second step on its page ({@code /login/second-factor}) and waits for the case list. */
    public void signIn(Browser browser) {
        browser.waitForPath("/login/second-factor");
        browser.find(org.openqa.selenium.By.id("code")).sendKeys(freshCode(), org.openqa.selenium.Keys.ENTER);
        browser.waitForPath("/cases");
    }

    /** Passes the second step of a password-only session (POST /api/login/second-factor) with the current code. */
    public Api.Response signIn(Api api) {
        Api.Response response = api.post("/api/login/second-factor", "{\"code\": \"" + freshCode() + "\"}");
        if (response.status() == 200) {
            api.useCsrfToken(response.json().get("csrfToken").asText());
        }
        return response;
    }

    /** The six digits the app shows now. */
    public String code() {
        return Totp.code(secret, Totp.stepAt(clock.instant()));
    }

    /** The code of a step later than the last one this app gave to {@link #enrol} or {@link #signIn}. */
    public String freshCode() {
        while (Totp.stepAt(clock.instant()) <= lastUsedStep) {
            if (clock instanceof MovableClock movable) {
                movable.advance(java.time.Duration.ofSeconds(Totp.STEP_SECONDS));
            } else {
                try {
                    Thread.sleep(Totp.STEP_SECONDS * 1000 - clock.millis() % (Totp.STEP_SECONDS * 1000) + 50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        lastUsedStep = Totp.stepAt(clock.instant());
        return code();
    }

    /** The recovery codes shown when it was set up through {@link #enrol}. */
    public List<String> recoveryCodes() {
        return List.copyOf(recoveryCodes);
    }

    /** RFC 4648 base32; spaces (as the page groups the secret) and letter case do not count. */
    public static byte[] fromBase32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT).toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("Not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bytes.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return bytes.toByteArray();
    }
}
