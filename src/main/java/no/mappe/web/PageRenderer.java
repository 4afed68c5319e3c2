package no.mappe.web;

import io.javalin.http.Context;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.security.Session;
import no.mappe.security.TimeZones;

/**
 * Renders the server-side pages: Pebble templates under {@code pages/}, every value HTML-escaped,
 * texts from {@code pages/messages_<lang>.properties} through {@code t("key", args...)}. Pages
 * carry a Content-Security-Policy without inline script or style, and never put personal data in
 * a page title.
 */
final class PageRenderer {

    static final String LANGUAGE_COOKIE = "mappe_lang";
    private static final String LANGUAGE_ATTRIBUTE = "mappe.language";
    static final List<String> LANGUAGES = List.of("nb", "da");
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private static final String ZONE_ATTRIBUTE = "mappe.zone";
    private static final java.time.format.DateTimeFormatter WHEN = no.mappe.text.DisplayDates.MINUTE;
    private final PebbleEngine engine;
    private final Directory directory;
    private final TimeZones zones;
    private final boolean secureCookies;

    PageRenderer(Directory directory, TimeZones zones, boolean secureCookies) {
        this.directory = directory;
        this.zones = zones;
        this.secureCookies = secureCookies;
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("pages");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder().loader(loader).autoEscaping(true).defaultEscapingStrategy("html")
                .strictVariables(false).extension(new Texts()).cacheActive(true).build();
    }

    /** Renders a page for the logged-in caller (or the login page when there is none). */
    void render(Context ctx, String page, Map<String, Object> model) {
        Map<String, Object> variables = new HashMap<>(model);
        String language = language(ctx);
        variables.put("lang", language);
        java.time.ZoneId zone = zone(ctx);
        variables.put("zone", zone);
        variables.put("today", java.time.LocalDate.now(zone).toString()); // the date pickers' limit for what has happened
        variables.putIfAbsent("path", ctx.path());
        String[] segments = ctx.path().split("/");
        variables.put("section", segments.length > 1 ? segments[1] : "");
        Session session = ctx.attribute(Requests.SESSION);
        if (session != null) {
            Caller caller = session.caller();
            Organisation organisation = directory.organisation(caller.organisationId()).orElseThrow();
            variables.put("me", Map.of("name", caller.displayName(), "role", caller.role().code(), "leader", caller.isLeader(),
                    "worksCases", caller.role().worksCases()));
            variables.put("organisation", organisation.name());
            variables.put("csrf", session.csrfToken());
            // Until the second factor is passed (or set up) the header offers only signing out.
            Object step = ctx.attribute(Requests.STEP);
            variables.put("pending", step != null && step != no.mappe.security.SecondFactors.Step.DONE);
        }
        // also on the login page: "signed out everywhere" lands there
        Flash.take(ctx, secureCookies).ifPresent(flash -> variables.put("flash", flash.key()));
        try {
            PebbleTemplate template = engine.getTemplate(page);
            StringWriter out = new StringWriter();
            template.evaluate(out, variables, Locale.forLanguageTag(language));
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("Cache-Control", "no-store");
            ctx.contentType("text/html; charset=utf-8").result(out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Redirects after a save, with a success message for the page it lands on. */
    void redirect(Context ctx, String location, Flash flash) {
        flash.show(ctx, secureCookies);
        ctx.redirect(location, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /**
     * A logged-in user's own choice, else their organisation's language; before login, the
     * browser's choice on the login page (a cookie), else bokmål.
     */
    String language(Context ctx) {
        String known = ctx.attribute(LANGUAGE_ATTRIBUTE);
        if (known != null) {
            return known; // a page asks several times; the database once per request
        }
        Session session = ctx.attribute(Requests.SESSION);
        String language;
        if (session != null) {
            language = directory.language(session.caller().userId()).orElseGet(() ->
                    directory.organisation(session.caller().organisationId()).map(Organisation::language).orElse("nb"));
        } else {
            String chosen = ctx.cookie(LANGUAGE_COOKIE);
            language = chosen != null && LANGUAGES.contains(chosen) ? chosen : "nb";
        }
        ctx.attribute(LANGUAGE_ATTRIBUTE, language);
        return language;
    }

    /**
     * The caller's organisation's time zone ({@link TimeZones}); before login, Norway's. Every time a
     * page shows is on this clock, the one the organisation's sealed documents print.
     */
    java.time.ZoneId zone(Context ctx) {
        java.time.ZoneId known = ctx.attribute(ZONE_ATTRIBUTE);
        if (known != null) {
            return known;
        }
        Session session = ctx.attribute(Requests.SESSION);
        java.time.ZoneId zone = session == null ? TimeZones.defaultFor("nb") : zones.of(session.caller().organisationId());
        ctx.attribute(ZONE_ATTRIBUTE, zone);
        return zone;
    }

    /** A text in the given language, for messages made outside templates (e.g. translated field errors). */
    static String text(String language, String key, Object... arguments) {
        return no.mappe.text.Messages.text(language, key, arguments);
    }

    /**
     * The message key for why a version was made: the archive keeps the reason as it was written then (in
     * English, part of the record's history); the page says it in the reader's language.
     */
    static String versionReasonKey(String reason) {
        String kind = reason.startsWith("generated") ? "generated" : reason.startsWith("uploaded") ? "uploaded"
                : reason.startsWith("scanned") ? "scanned" : reason.startsWith("signed") ? "signed"
                : reason.startsWith("issued") ? "issued" : reason.startsWith("anonymised") ? "anonymised" : "other";
        return "language.version." + kind;
    }

    /**
     * {@code t("key", a, b, c)}: the message in the page's language, with up to three arguments;
     * {@code value | day}: a date (or the day of a timestamp, on the organisation's clock) as Norwegians and Danes
     * write it, 24.11.2026; {@code value | when}: a timestamp's day and time on the organisation's clock, 24.11.2026 14:03.
     */
    private static final class Texts extends AbstractExtension {
        @Override
        public Map<String, io.pebbletemplates.pebble.extension.Filter> getFilters() {
            return Map.of("versionReason", new TextFilter((text, zone) -> versionReasonKey(text)), "day", new TextFilter(Texts::day),
                    "when", new TextFilter(Texts::when));
        }

        /** 2026-11-24 (or a timestamp, on that day in the zone) as 24.11.2026; anything else as it is. */
        private static String day(String text, java.time.ZoneId zone) {
            java.time.Instant instant = instant(text);
            if (instant != null) {
                text = instant.atZone(zone).toLocalDate().toString();
            }
            if (!text.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
                return text;
            }
            return text.substring(8, 10) + "." + text.substring(5, 7) + "." + text.substring(0, 4);
        }

        /** A timestamp (2026-11-24T13:03:00Z) as 24.11.2026 14:03 in the zone; anything else as {@link #day}. */
        private static String when(String text, java.time.ZoneId zone) {
            java.time.Instant instant = instant(text);
            return instant == null ? day(text, zone) : WHEN.format(instant.atZone(zone));
        }

        private static java.time.Instant instant(String text) {
            if (!text.matches("\\d{4}-\\d{2}-\\d{2}T.*Z")) {
                return null;
            }
            try {
                return java.time.Instant.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }

        @Override
        public Map<String, Function> getFunctions() {
            return Map.of("t", new Function() {
                @Override
                public List<String> getArgumentNames() {
                    return List.of("key", "a", "b", "c");
                }

                @Override
                public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
                    Object[] values = java.util.stream.Stream.of(args.get("a"), args.get("b"), args.get("c"))
                            .takeWhile(java.util.Objects::nonNull).toArray();
                    return text(context.getLocale().getLanguage(), String.valueOf(args.get("key")), values);
                }
            });
        }
    }

    /** A filter without arguments that turns the value's text into another text (null reads as ""), knowing the page's zone. */
    private record TextFilter(java.util.function.BiFunction<String, java.time.ZoneId, String> change)
            implements io.pebbletemplates.pebble.extension.Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
            Object zone = context.getVariable("zone");
            return change.apply(input == null ? "" : input.toString(),
                    zone instanceof java.time.ZoneId known ? known : TimeZones.defaultFor("nb"));
        }
    }
}
