package no.mappe.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.mappe.errors.SetupLinkInvalid;
import no.mappe.people.PasswordRules;
import no.mappe.people.SetupTokens;

/**
 * {@code /setup/{token}}: the page a new person (or one whose password was reset) opens from the
 * one-time link to choose a password. Opening it changes nothing; posting the form sets the
 * password and uses the link up. There is no session yet, so the form carries no session CSRF
 * token: the link's own 256-bit token, which another site cannot know, is what the post must
 * repeat, and no-referrer keeps it out of other sites' logs.
 */
final class SetupPages {

    private final SetupTokens tokens;
    private final PageRenderer pages;

    SetupPages(SetupTokens tokens, PageRenderer pages) {
        this.tokens = tokens;
        this.pages = pages;
    }

    void form(Context ctx) {
        SetupTokens.Pending pending = tokens.pending(ctx.pathParam("token")).orElseThrow(SetupLinkInvalid::gone);
        render(ctx, pending, List.of());
    }

    void submit(Context ctx) {
        String token = ctx.pathParam("token");
        SetupTokens.Pending pending = tokens.pending(token).orElseThrow(SetupLinkInvalid::gone);
        String password = ctx.formParam("password");
        String repeated = ctx.formParam("repeat") == null ? "" : ctx.formParam("repeat");
        List<PasswordRules.Problem> problems = PasswordRules.check(password, repeated, pending.user().username());
        if (!problems.isEmpty()) {
            ctx.status(422);
            render(ctx, pending, problems);
            return;
        }
        tokens.setPassword(token, password, repeated);
        pages.render(ctx, "setup", Map.of("done", true));
    }

    private void render(Context ctx, SetupTokens.Pending pending, List<PasswordRules.Problem> problems) {
        Map<String, Object> model = new HashMap<>();
        model.put("username", pending.user().username());
        model.put("reset", pending.purpose() == SetupTokens.Purpose.RESET);
        model.put("minLength", PasswordRules.MIN_LENGTH);
        model.put("errors", problems.stream().map(problem -> Map.of("field", problem.field(), "key", "setup.error." + problem.name()))
                .toList());
        model.put("passwordError", problems.stream().filter(problem -> problem.field().equals("password")).findFirst()
                .map(problem -> "setup.error." + problem.name()).orElse(null));
        model.put("repeatError", problems.stream().filter(problem -> problem.field().equals("repeat")).findFirst()
                .map(problem -> "setup.error." + problem.name()).orElse(null));
        pages.render(ctx, "setup", model);
    }
}
