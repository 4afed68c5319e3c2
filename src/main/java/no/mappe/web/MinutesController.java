package no.mappe.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.mappe.cases.CaseService;
import no.mappe.minutes.PersonalDataCheck;
import no.mappe.security.Caller;
import no.mappe.security.Directory;

/**
 * {@code POST /api/minutes/check}: what in a minutes form must change before it is saved (initials
 * only): birth numbers, full names of the organisation's participants, staff and users (with their
 * initials), and name-like words the writer may confirm. Checks only; stores nothing.
 */
final class MinutesController {

    private final CaseService cases;
    private final Directory directory;

    MinutesController(CaseService cases, Directory directory) {
        this.cases = cases;
        this.directory = directory;
    }

    record CheckRequest(Map<String, Object> fields, boolean confirmNameLike) {
    }

    void check(Context ctx) {
        Caller caller = Requests.caller(ctx);
        CheckRequest request = Requests.body(ctx, CheckRequest.class);
        if (request.fields() == null) {
            throw no.mappe.errors.InvalidFields.of("fields", "is required: the minutes form's fields by name");
        }
        List<String> known = new ArrayList<>(cases.knownNames(caller.organisationId()));
        directory.users(caller.organisationId()).forEach(user -> known.add(user.displayName()));
        List<PersonalDataCheck.Finding> findings = PersonalDataCheck.check(request.fields(), known);
        ctx.json(Map.of("savable", PersonalDataCheck.savable(findings, request.confirmNameLike()), "findings", findings));
    }
}
