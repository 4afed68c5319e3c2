package no.mappe.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.NotFound;
import no.mappe.security.Caller;
import no.mappe.sso.SignInProviders;
import no.mappe.sso.SignInSettings;

/**
 * The leader's page for single sign-on: the same settings as {@code /api/organisation/sign-in},
 * with the group-to-role mapping written one per line ({@code <value> = <role>}). The client
 * secret is never put back into the page; an empty secret field keeps the stored one. Anyone but
 * the leader gets 403 from {@link SignInProviders}, for showing as for saving.
 */
final class SignInSettingsPages {

    /** The form's fields in the order they stand on the page (the error summary follows it). */
    private static final List<String> FIELDS = List.of("issuer", "clientId", "clientSecret", "scopes", "roleClaim", "roles", "nameClaim",
            "newUsers", "matchClaim");
    private static final List<String> TEXT_FIELDS = FIELDS.stream().filter(field -> !field.equals("clientSecret")).toList();

    private final SignInProviders providers;
    private final SsoPages ssoPages;
    private final PageRenderer pages;

    SignInSettingsPages(SignInProviders providers, SsoPages ssoPages, PageRenderer pages) {
        this.providers = providers;
        this.ssoPages = ssoPages;
        this.pages = pages;
    }

    void show(Context ctx) {
        Optional<SignInProviders.View> view = current(Requests.caller(ctx));
        Map<String, Object> form = view.map(stored -> form(stored.settings())).orElseGet(SignInSettingsPages::emptyForm);
        render(ctx, view, form, List.of());
    }

    void save(Context ctx) {
        Caller caller = Requests.caller(ctx);
        Map<String, Object> form = new HashMap<>();
        for (String field : TEXT_FIELDS) {
            form.put(field, Optional.ofNullable(ctx.formParam(field)).orElse(""));
        }
        String secret = ctx.formParam("clientSecret");
        boolean removeSecret = "on".equals(ctx.formParam("noSecret"));
        try {
            Map<String, String> roles = roles((String) form.get("roles"));
            providers.put(caller, new SignInSettings((String) form.get("issuer"), (String) form.get("clientId"),
                    removeSecret ? "" : secret == null || secret.isEmpty() ? null : secret,
                    Arrays.stream(((String) form.get("scopes")).split("\\s+")).filter(scope -> !scope.isEmpty()).toList(),
                    (String) form.get("roleClaim"), roles, (String) form.get("nameClaim"), (String) form.get("newUsers"),
                    (String) form.get("matchClaim")));
            pages.redirect(ctx, "/organisation/sign-in", Flash.SIGN_IN_SAVED);
        } catch (InvalidFields invalid) {
            ctx.status(422);
            render(ctx, current(caller), form, invalid.errors());
        }
    }

    void remove(Context ctx) {
        providers.remove(Requests.caller(ctx));
        pages.redirect(ctx, "/organisation/sign-in", Flash.SIGN_IN_REMOVED);
    }

    private Optional<SignInProviders.View> current(Caller caller) {
        try {
            return Optional.of(providers.view(caller)); // also refuses anyone but the leader
        } catch (NotFound none) {
            return Optional.empty();
        }
    }

    private void render(Context ctx, Optional<SignInProviders.View> view, Map<String, Object> form, List<InvalidFields.FieldError> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("configured", view.isPresent());
        model.put("secretStored", view.map(SignInProviders.View::clientSecretStored).orElse(false));
        model.put("form", form);
        List<Map<String, String>> shown = errors(errors, pages.language(ctx));
        Map<String, String> byField = new HashMap<>();
        shown.forEach(error -> byField.put(error.get("field"), error.get("message")));
        model.put("errors", shown);
        model.put("fieldErrors", byField);
        model.put("redirectUri", ssoPages.redirectUri(ctx, Requests.caller(ctx).organisationId()));
        pages.render(ctx, "sign-in-settings", model);
    }

    /**
     * The service's errors by form field, in the page's order, each as a text in the reader's
     * language saying what to write; the service's own words follow where the leader needs them
     * as they are: why the issuer's discovery document could not be used, which line of roles.
     */
    private static List<Map<String, String>> errors(List<InvalidFields.FieldError> errors, String language) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (InvalidFields.FieldError error : errors) {
            String field = error.field().contains(".") ? error.field().substring(0, error.field().indexOf('.')) : error.field();
            String text = PageRenderer.text(language, "ssoSettings.error." + field);
            if (field.equals("issuer") && error.message().startsWith("could not be used")
                    || field.equals("roles") && error.message().startsWith("line ")) {
                text = text + " (" + error.message() + ")";
            }
            byField.putIfAbsent(field, text);
        }
        List<Map<String, String>> ordered = new ArrayList<>();
        for (String field : FIELDS) {
            if (byField.containsKey(field)) {
                ordered.add(Map.of("field", field, "label", PageRenderer.text(language, "ssoSettings." + field), "message",
                        byField.get(field)));
            }
        }
        return ordered;
    }

    private static Map<String, Object> form(SignInSettings settings) {
        Map<String, Object> form = new HashMap<>();
        form.put("issuer", settings.issuer());
        form.put("clientId", settings.clientId());
        form.put("scopes", String.join(" ", settings.scopes()));
        form.put("roleClaim", settings.roleClaim() == null ? "" : settings.roleClaim());
        StringBuilder roles = new StringBuilder();
        settings.roles().forEach((value, role) -> roles.append(value).append(" = ").append(role).append('\n'));
        form.put("roles", roles.toString());
        form.put("nameClaim", settings.nameClaim());
        form.put("newUsers", settings.newUsers());
        form.put("matchClaim", settings.matchClaim() == null ? "" : settings.matchClaim());
        return form;
    }

    private static Map<String, Object> emptyForm() {
        return new HashMap<>(Map.of("issuer", "", "clientId", "", "scopes", "openid profile email", "roleClaim", "groups", "roles", "",
                "nameClaim", "name", "newUsers", SignInSettings.EXISTING, "matchClaim", "email"));
    }

    /** {@code value = role}, one per line; the value may itself contain "=", the role is after the last one. */
    private static Map<String, String> roles(String lines) {
        Map<String, String> roles = new LinkedHashMap<>();
        List<InvalidFields.FieldError> errors = new ArrayList<>();
        String[] all = lines.split("\\R");
        for (int i = 0; i < all.length; i++) {
            String line = all[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int split = line.lastIndexOf('=');
            if (split <= 0) {
                errors.add(new InvalidFields.FieldError("roles", "line " + (i + 1) + " must be <group or role value> = <Mappe role>"));
            } else {
                roles.put(line.substring(0, split).strip(), line.substring(split + 1).strip());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        return roles;
    }
}
