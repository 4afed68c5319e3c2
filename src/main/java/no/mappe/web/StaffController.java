package no.mappe.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.Map;
import no.mappe.archive.DocumentService;
import no.mappe.cases.StaffFolders;
import no.mappe.security.Caller;

/** Staff folders (personalmappe) over the API: the leader's own cabinet. Documents are made through /api/cases/{id}/documents. */
final class StaffController {

    private final StaffFolders staff;
    private final DocumentService documents;

    StaffController(StaffFolders staff, DocumentService documents) {
        this.staff = staff;
        this.documents = documents;
    }

    void list(Context ctx) {
        ctx.json(Map.of("staffFolders", staff.list(Requests.caller(ctx))));
    }

    void open(Context ctx) {
        StaffFolders.StaffFolder opened = staff.open(Requests.caller(ctx), Requests.body(ctx, StaffFolders.NewStaffFolder.class));
        ctx.status(201).header("Location", "/api/staff-folders/" + opened.id()).json(opened);
    }

    void show(Context ctx) {
        Caller caller = Requests.caller(ctx);
        StaffFolders.StaffFolder folder = staff.folder(caller, ctx.pathParam("folderId"));
        ctx.json(Map.of("folder", folder, "documents", documents.listForCase(caller, folder.id())));
    }

    /** {@code POST /api/staff-folders/{id}/left} {date}: the staff member left; the policy's clocks start. */
    void left(Context ctx) {
        Left request = Requests.body(ctx, Left.class);
        ctx.status(201).json(staff.left(Requests.caller(ctx), ctx.pathParam("folderId"), request.date()));
    }

    record Left(LocalDate date) {
    }
}
