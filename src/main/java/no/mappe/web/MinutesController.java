package no.mappe.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import no.mappe.archive.NewDocument;
import no.mappe.minutes.MinutesBook;
import no.mappe.minutes.PersonalDataCheck;

/**
 * The minutes book over HTTP: {@code GET /api/minutes} lists the minutes the caller may read,
 * {@code POST /api/minutes} writes minutes (422 naming each field with a birth number or a name,
 * with the initials to write instead), {@code POST /api/minutes/check} only checks.
 */
final class MinutesController {

    private final MinutesBook book;

    MinutesController(MinutesBook book) {
        this.book = book;
    }

    record CheckRequest(Map<String, Object> fields, boolean confirmNameLike) {
    }

    void check(Context ctx) {
        CheckRequest request = Requests.body(ctx, CheckRequest.class);
        if (request.fields() == null) {
            throw no.mappe.errors.InvalidFields.of("fields", "is required: the minutes form's fields by name");
        }
        List<PersonalDataCheck.Finding> findings = book.check(Requests.caller(ctx), request.fields());
        ctx.json(Map.of("savable", PersonalDataCheck.savable(findings, request.confirmNameLike()), "findings", findings));
    }

    void list(Context ctx) {
        ctx.json(Map.of("minutes", book.list(Requests.caller(ctx)).stream().map(entry -> Map.of(
                "id", entry.document().document().id(), "title", entry.document().title(), "meetingType", entry.meetingType(),
                "meetingDate", entry.meetingDate().toString(), "accessLevel", entry.document().document().accessLevel(),
                "status", entry.document().document().status())).toList()));
    }

    void write(Context ctx) {
        var created = book.write(Requests.caller(ctx), Requests.body(ctx, NewDocument.class));
        ctx.status(201).header("Location", "/api/documents/" + created.document().id()).json(created);
    }
}
