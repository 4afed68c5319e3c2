package no.mappe.web;

import io.javalin.http.Context;
import java.util.Map;
import no.mappe.complaints.Complaint;
import no.mappe.complaints.ComplaintAnswer;
import no.mappe.complaints.ComplaintRegister;
import no.mappe.complaints.NewComplaint;

/** The complaint register over the API: list, register, read one, record the answer. */
final class ComplaintController {

    private final ComplaintRegister complaints;

    ComplaintController(ComplaintRegister complaints) {
        this.complaints = complaints;
    }

    void list(Context ctx) {
        ctx.json(Map.of("complaints", complaints.list(Requests.caller(ctx))));
    }

    void register(Context ctx) {
        Complaint registered = complaints.register(Requests.caller(ctx), Requests.body(ctx, NewComplaint.class));
        ctx.status(201).header("Location", "/api/complaints/" + registered.id()).json(registered);
    }

    void get(Context ctx) {
        ctx.json(complaints.get(Requests.caller(ctx), ctx.pathParam("complaintId")));
    }

    /** {@code POST /api/complaints/{id}/answer}: the handler records the written answer, once. */
    void answer(Context ctx) {
        ctx.json(complaints.answer(Requests.caller(ctx), ctx.pathParam("complaintId"), Requests.body(ctx, ComplaintAnswer.class)));
    }

    record HandOver(String handler) {
    }

    /** {@code POST /api/complaints/{id}/handler}: the leader gives an unanswered complaint to another handler. */
    void handOver(Context ctx) {
        ctx.json(complaints.handOver(Requests.caller(ctx), ctx.pathParam("complaintId"), Requests.body(ctx, HandOver.class).handler()));
    }
}
