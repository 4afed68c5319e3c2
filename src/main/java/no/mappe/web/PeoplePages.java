package no.mappe.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.errors.InvalidFields;
import no.mappe.people.NewPerson;
import no.mappe.people.People;
import no.mappe.people.SetupTokens;
import no.mappe.security.Caller;
import no.mappe.security.Role;

/**
 * The leader's People page: the staff with role, status and lockout, and forms to add a person,
 * change a role, deactivate, reactivate, unlock and make a new link to set a password. A new link
 * is shown once, on the page that answers the form (Mappe keeps only its hash).
 */
final class PeoplePages {

    private final People people;
    private final SetupLinks links;
    private final PageRenderer pages;

    PeoplePages(People people, SetupLinks links, PageRenderer pages) {
        this.people = people;
        this.links = links;
        this.pages = pages;
    }

    void list(Context ctx) {
        render(ctx, Map.of());
    }

    void add(Context ctx) {
        NewPerson request = new NewPerson(ctx.formParam("name"), ctx.formParam("role"), ctx.formParam("username"));
        try {
            People.Added added = people.add(Requests.caller(ctx), request);
            render(ctx, Map.of("link", link(ctx, added.link()), "linkFor", added.person().name(), "flash", Flash.PERSON_ADDED.key()));
        } catch (InvalidFields invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            String language = pages.language(ctx);
            invalid.errors().forEach(error -> errors.putIfAbsent(error.field(), worded(error.message(), language)));
            Map<String, Object> values = new HashMap<>();
            values.put("name", request.name() == null ? "" : request.name());
            values.put("username", request.username() == null ? "" : request.username());
            values.put("role", request.role() == null ? "" : request.role());
            ctx.status(422);
            render(ctx, Map.of("errors", errors, "values", values));
        }
    }

    /** The service's reason (English, for API clients) as the page says it: what to write instead. */
    private static String worded(String message, String language) {
        java.util.regex.Matcher limit = java.util.regex.Pattern.compile("at most (\\d+)").matcher(message);
        if (limit.find()) {
            return PageRenderer.text(language, "language.people.error.tooLong", Integer.parseInt(limit.group(1)));
        }
        String reason = message.startsWith("is required") ? "required" : message.contains("one line") ? "oneLine"
                : message.contains("spaces") ? "spaces" : message.startsWith("must be one of") ? "choice" : "other";
        return PageRenderer.text(language, "language.people.error." + reason);
    }

    void changeRole(Context ctx) {
        people.changeRole(Requests.caller(ctx), ctx.pathParam("userId"), ctx.formParam("role"));
        pages.redirect(ctx, "/people", Flash.ROLE_CHANGED);
    }

    void deactivate(Context ctx) {
        people.deactivate(Requests.caller(ctx), ctx.pathParam("userId"));
        pages.redirect(ctx, "/people", Flash.PERSON_DEACTIVATED);
    }

    void reactivate(Context ctx) {
        people.reactivate(Requests.caller(ctx), ctx.pathParam("userId"));
        pages.redirect(ctx, "/people", Flash.PERSON_REACTIVATED);
    }

    void unlock(Context ctx) {
        people.unlock(Requests.caller(ctx), ctx.pathParam("userId"));
        pages.redirect(ctx, "/people", Flash.PERSON_UNLOCKED);
    }

    void reset(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String userId = ctx.pathParam("userId");
        SetupTokens.Issued issued = people.resetLink(caller, userId);
        render(ctx, Map.of("link", link(ctx, issued), "linkFor", people.get(caller, userId).name(), "flash", Flash.PERSON_RESET.key()));
    }

    private void render(Context ctx, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("people", people.list(Requests.caller(ctx)));
        model.put("roles", List.of(Role.values()).stream().map(Role::code).toList());
        model.putIfAbsent("errors", Map.of());
        model.putIfAbsent("values", Map.of("role", "counsellor"));
        pages.render(ctx, "people", model);
    }

    /**
     * The link in full. Without MAPPE_PUBLIC_URL the leader's own address bar is the best guess:
     * the address is shown only to the leader who asked, never sent anywhere by Mappe.
     */
    private String link(Context ctx, SetupTokens.Issued issued) {
        SetupLinks.Link link = links.of(issued);
        return link.url() != null ? link.url() : ctx.scheme() + "://" + ctx.host() + link.path();
    }
}
