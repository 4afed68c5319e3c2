package no.mappe.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.archive.DocumentService;
import no.mappe.cases.StaffFolders;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.security.Caller;
import no.mappe.templates.TemplateCatalogue;

/** The leader's cabinet of staff folders: the list with a form to open one, and a folder with its documents. */
final class StaffPages {

    private final StaffFolders staff;
    private final DocumentService documents;
    private final TemplateCatalogue catalogue;
    private final PageRenderer pages;

    StaffPages(StaffFolders staff, DocumentService documents, TemplateCatalogue catalogue, PageRenderer pages) {
        this.staff = staff;
        this.documents = documents;
        this.catalogue = catalogue;
        this.pages = pages;
    }

    void list(Context ctx) {
        renderList(ctx, Map.of(), Map.of());
    }

    void open(Context ctx) {
        Caller caller = Requests.caller(ctx);
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : List.of("name", "birthDate", "startDate")) {
            values.put(field, ctx.formParam(field) == null ? "" : ctx.formParam(field).strip());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate birthDate = date(values.get("birthDate"), "birthDate", errors, ctx);
        LocalDate startDate = date(values.get("startDate"), "startDate", errors, ctx);
        if (errors.isEmpty()) {
            try {
                StaffFolders.StaffFolder opened = staff.open(caller,
                        new StaffFolders.NewStaffFolder(values.get("name"), birthDate, startDate));
                pages.redirect(ctx, "/staff/" + opened.id(), Flash.RECORDS_STAFF_FOLDER_OPENED);
                return;
            } catch (InvalidFields invalid) {
                invalid.errors().forEach(error -> errors.put(error.field(),
                        PageRenderer.text(pages.language(ctx), "records.staff.error." + error.field())));
            }
        }
        ctx.status(422);
        renderList(ctx, values, errors);
    }

    void show(Context ctx) {
        renderFolder(ctx, Map.of(), "");
    }

    /** Records that the staff member left; the policy disposes of the folder except the kept declaration. */
    void left(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String folderId = ctx.pathParam("folderId");
        String value = ctx.formParam("date") == null ? "" : ctx.formParam("date").strip();
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate date = date(value, "date", errors, ctx);
        if (errors.isEmpty()) {
            try {
                staff.left(caller, folderId, date);
                pages.redirect(ctx, "/staff/" + folderId, Flash.RECORDS_STAFF_LEFT);
                return;
            } catch (InvalidFields invalid) {
                errors.put("date", PageRenderer.text(pages.language(ctx), "records.staff.error.leftDate"));
            } catch (Conflict conflict) {
                errors.put("date", PageRenderer.text(pages.language(ctx), "records.staff.error.alreadyLeft"));
            }
        }
        ctx.status(422);
        renderFolder(ctx, errors, value);
    }

    private LocalDate date(String value, String field, Map<String, String> errors, Context ctx) {
        if (value.isEmpty()) {
            return null; // the service names what is missing
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.put(field, PageRenderer.text(pages.language(ctx), "records.staff.error.date"));
            return null;
        }
    }

    private void renderList(Context ctx, Map<String, String> values, Map<String, String> errors) {
        Caller caller = Requests.caller(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("folders", staff.list(caller));
        model.put("values", values);
        model.put("errors", errors);
        model.put("errorCount", errors.size());
        pages.render(ctx, "staff", model);
    }

    private void renderFolder(Context ctx, Map<String, String> errors, String leftValue) {
        Caller caller = Requests.caller(ctx);
        StaffFolders.StaffFolder folder = staff.folder(caller, ctx.pathParam("folderId"));
        Map<String, Object> model = new HashMap<>();
        model.put("folder", folder);
        model.put("documents", documents.listForCase(caller, folder.id()));
        model.put("templates", StaffFolders.TEMPLATES.stream().flatMap(id -> catalogue.find(caller.organisationId(), id).stream())
                .map(template -> Map.of("id", template.manifest().id(), "title", template.manifest().title(pages.language(ctx))))
                .toList());
        model.put("errors", errors);
        model.put("errorCount", errors.size());
        model.put("leftValue", leftValue);
        pages.render(ctx, "staff-folder", model);
    }
}
