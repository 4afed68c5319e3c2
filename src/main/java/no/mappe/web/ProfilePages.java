package no.mappe.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.NotAllowed;
import no.mappe.security.Caller;
import no.mappe.security.OrganisationProfile;
import no.mappe.security.ProfileService;
import no.mappe.templates.WelcomeFolderPreview;

/**
 * The leader's editor of the organisation profile: the welcome folder's contents (contacts, safety
 * and union representatives, HMS lead, house rules, opening hours, logo and the other texts), one
 * box per text, lists one item per line, and a preview of the welcome folder from the values typed.
 */
final class ProfilePages {

    /** The form's fields in order: id (the profile's property) and how it is typed. */
    private enum Kind { LINE, TEXT, LINES, ITEMS }

    private static final Map<String, Kind> FIELDS = fields();

    private final ProfileService profiles;
    private final WelcomeFolderPreview preview;
    private final PageRenderer pages;

    ProfilePages(ProfileService profiles, WelcomeFolderPreview preview, PageRenderer pages) {
        this.profiles = profiles;
        this.preview = preview;
        this.pages = pages;
    }

    private static Map<String, Kind> fields() {
        Map<String, Kind> fields = new LinkedHashMap<>();
        for (String line : List.of("legalName", "organisationNumber", "phone", "email", "website", "leaderName", "safetyRep", "unionRep",
                "hmsLead")) {
            fields.put(line, Kind.LINE);
        }
        fields.put("address", Kind.TEXT);
        fields.put("openingHours", Kind.TEXT);
        fields.put("contacts", Kind.ITEMS);
        fields.put("houseRules", Kind.LINES);
        fields.put("practical", Kind.ITEMS);
        fields.put("vision", Kind.TEXT);
        fields.put("values", Kind.ITEMS);
        fields.put("rights", Kind.LINES);
        fields.put("duties", Kind.LINES);
        fields.put("workRules", Kind.LINES);
        fields.put("ethics", Kind.LINES);
        fields.put("complaints", Kind.TEXT);
        return fields;
    }

    /** {@code GET /organisation/profile}. */
    void show(Context ctx) {
        Caller caller = leader(ctx);
        OrganisationProfile stored = profiles.get(caller.organisationId());
        render(ctx, values(stored), stored.logoPng(), stored.version(), Map.of());
    }

    /** {@code POST /organisation/profile}: saves (then the success message), or with {@code action=preview} answers the PDF. */
    void save(Context ctx) {
        Caller caller = leader(ctx);
        OrganisationProfile stored = profiles.get(caller.organisationId());
        Map<String, String> values = new LinkedHashMap<>();
        FIELDS.keySet().forEach(id -> values.put(id, ctx.formParam(id) == null ? "" : ctx.formParam(id)));
        String logo = "yes".equals(ctx.formParam("removeLogo")) ? "" : uploadedLogo(ctx).orElse(stored.logoPng());
        Integer version = parseVersion(ctx.formParam("version"));
        OrganisationProfile posted = profile(values, logo, version);
        try {
            if ("preview".equals(ctx.formParam("action"))) {
                byte[] pdf = preview.render(caller, posted, pages.language(ctx));
                ctx.contentType("application/pdf").header("Content-Disposition", "inline; filename=\"velkomstmappe.pdf\"").result(pdf);
                return;
            }
            profiles.update(caller, posted);
            pages.redirect(ctx, "/organisation/profile", Flash.PROFILE_SAVED);
        } catch (InvalidFields invalid) {
            ctx.status(422);
            render(ctx, values, stored.logoPng(), version, errors(invalid, pages.language(ctx)));
        } catch (Conflict conflict) {
            ctx.status(409);
            render(ctx, values, stored.logoPng(), version, Map.of("", PageRenderer.text(pages.language(ctx), "leader.profile.conflict")));
        }
    }

    private void render(Context ctx, Map<String, String> values, String logo, Integer version, Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("values", values);
        model.put("errors", errors);
        model.put("errorCount", errors.size());
        model.put("summary", errors.entrySet().stream().map(e -> Map.of("id", e.getKey(), "message", e.getValue())).toList());
        model.put("fields", FIELDS.entrySet().stream().map(e -> Map.of("id", e.getKey(), "kind", e.getValue().name().toLowerCase(
                java.util.Locale.ROOT))).toList());
        model.put("logo", logo.isEmpty() ? "" : "data:image/png;base64," + logo);
        model.put("version", version == null ? "" : String.valueOf(version));
        pages.render(ctx, "organisation-profile", model);
    }

    private static Caller leader(Context ctx) {
        Caller caller = Requests.caller(ctx);
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can change the organisation profile");
        }
        return caller;
    }

    /** The profile's texts as the form shows them: lists one item per line, titled items as "title: text". */
    private static Map<String, String> values(OrganisationProfile profile) {
        Map<String, Object> asMap = Json.mapper().convertValue(profile, Map.class);
        Map<String, String> values = new LinkedHashMap<>();
        FIELDS.forEach((id, kind) -> {
            Object value = asMap.get(id);
            values.put(id, switch (kind) {
                case LINE, TEXT -> value == null ? "" : value.toString();
                case LINES -> String.join("\n", ((List<?>) value).stream().map(String::valueOf).toList());
                case ITEMS -> String.join("\n", ((List<?>) value).stream().map(item -> (Map<?, ?>) item)
                        .map(item -> item.get("title") + ": " + item.get("text")).toList());
            });
        });
        return values;
    }

    private static OrganisationProfile profile(Map<String, String> values, String logo, Integer version) {
        Map<String, Object> asMap = new LinkedHashMap<>();
        FIELDS.forEach((id, kind) -> asMap.put(id, switch (kind) {
            case LINE -> values.get(id).strip();
            case TEXT -> values.get(id).strip().replace("\r\n", "\n");
            case LINES -> lines(values.get(id));
            case ITEMS -> lines(values.get(id)).stream().map(ProfilePages::item).toList();
        }));
        asMap.put("logoPng", logo);
        asMap.put("version", version);
        return Json.mapper().convertValue(asMap, OrganisationProfile.class);
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** "Title: text" as a titled item; a line without a colon is a title alone. */
    private static Map<String, String> item(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? Map.of("title", line, "text", "")
                : Map.of("title", line.substring(0, colon).strip(), "text", line.substring(colon + 1).strip());
    }

    private static java.util.Optional<String> uploadedLogo(Context ctx) {
        io.javalin.http.UploadedFile file = ctx.isMultipartFormData() ? ctx.uploadedFile("logo") : null;
        if (file == null || file.size() == 0) {
            return java.util.Optional.empty();
        }
        try (InputStream in = file.content()) {
            return java.util.Optional.of(Base64.getEncoder().encodeToString(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Integer parseVersion(String version) {
        return version == null || !version.matches("\\d{1,9}") ? null : Integer.valueOf(version);
    }

    /** The service's field errors in the reader's language, by the form's field (a list item's error names its line). */
    private static Map<String, String> errors(InvalidFields invalid, String language) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (InvalidFields.FieldError error : invalid.errors()) {
            String field = error.field().replaceAll("\\[\\d+]$", "");
            String id = "logoPng".equals(field) ? "logo" : field;
            String message;
            if ("logoPng".equals(field)) {
                message = PageRenderer.text(language, "leader.profile.error.logo");
            } else if ("legalName".equals(field)) {
                message = PageRenderer.text(language, "leader.profile.error.legalName");
            } else if (error.message().startsWith("must have at most")) {
                message = PageRenderer.text(language, "leader.profile.error.tooMany");
            } else if (!field.equals(error.field())) {
                int line = Integer.parseInt(error.field().replaceAll(".*\\[(\\d+)]$", "$1")) + 1;
                message = PageRenderer.text(language, "leader.profile.error.lineTooLong", line);
            } else {
                message = PageRenderer.text(language, "leader.profile.error.tooLong");
            }
            errors.merge(id, message, (a, b) -> a);
        }
        // In the form's order, the logo last, as the summary should read.
        List<String> order = new java.util.ArrayList<>(FIELDS.keySet());
        order.add("logo");
        Map<String, String> ordered = new LinkedHashMap<>();
        errors.keySet().stream().sorted(java.util.Comparator.comparingInt(order::indexOf)).forEach(id -> ordered.put(id, errors.get(id)));
        return ordered;
    }
}
