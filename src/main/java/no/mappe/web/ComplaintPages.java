package no.mappe.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.cases.CaseService;
import no.mappe.complaints.Complainant;
import no.mappe.complaints.Complaint;
import no.mappe.complaints.ComplaintAnswer;
import no.mappe.complaints.ComplaintCategory;
import no.mappe.complaints.ComplaintRegister;
import no.mappe.complaints.NewComplaint;
import no.mappe.complaints.Outcome;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.Role;

/** The complaint register's pages: the register, a form to enter a complaint, and a complaint with its answer step. */
final class ComplaintPages {

    /** The service's field (and the form's input name) → the input's id on the page. */
    private static final Map<String, String> IDS = Map.of("complainant", "complainant", "caseId", "caseId", "name", "name",
            "contact", "contact", "summary", "summary", "receivedDate", "receivedDate", "category", "category",
            "serviceEnded", "serviceEnded", "handler", "handler", "answerDate", "answerDate");

    private final ComplaintRegister complaints;
    private final CaseService cases;
    private final Directory directory;
    private final PageRenderer pages;

    ComplaintPages(ComplaintRegister complaints, CaseService cases, Directory directory, PageRenderer pages) {
        this.complaints = complaints;
        this.cases = cases;
        this.directory = directory;
        this.pages = pages;
    }

    void list(Context ctx) {
        Caller caller = Requests.caller(ctx);
        LocalDate today = LocalDate.now();
        String language = pages.language(ctx);
        List<Map<String, Object>> rows = complaints.list(caller).stream().map(c -> view(c, today, language)).toList();
        pages.render(ctx, "complaints", Map.of("complaints", rows,
                "overdueCount", rows.stream().filter(row -> Boolean.TRUE.equals(row.get("overdue"))).count()));
    }

    void newForm(Context ctx) {
        Caller caller = Requests.caller(ctx);
        Map<String, String> values = new HashMap<>();
        values.put("complainant", "participant");
        values.put("handler", caller.userId());
        String caseId = ctx.queryParam("case");
        if (caseId != null) {
            values.put("caseId", caseId);
        }
        renderForm(ctx, values, new LinkedHashMap<>());
    }

    /** Registers the complaint and shows it with a success message, or the form again with each mistake named. */
    void register(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String language = pages.language(ctx);
        Map<String, String> values = new HashMap<>();
        for (String name : List.of("complainant", "caseId", "name", "contact", "summary", "receivedDate", "category", "serviceEnded",
                "handler")) {
            String value = ctx.formParam(name);
            values.put(name, value == null ? "" : value.strip());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate received = date(values, "receivedDate", errors, language);
        LocalDate ended = date(values, "serviceEnded", errors, language);
        if (errors.isEmpty()) {
            try {
                String complainant = values.get("complainant");
                boolean participant = "participant".equals(complainant);
                Complaint registered = complaints.register(caller, new NewComplaint(blankToNull(complainant),
                        participant ? blankToNull(values.get("caseId")) : null, participant ? null : blankToNull(values.get("name")),
                        participant ? null : blankToNull(values.get("contact")), blankToNull(values.get("summary")), received,
                        blankToNull(values.get("category")), ended, blankToNull(values.get("handler"))));
                pages.redirect(ctx, "/complaints/" + registered.id(), Flash.COMPLAINT_REGISTERED);
                return;
            } catch (InvalidFields invalid) {
                reject(invalid, errors, language);
            }
        }
        ctx.status(422);
        renderForm(ctx, values, errors);
    }

    void show(Context ctx) {
        showComplaint(ctx, Map.of(), Map.of());
    }

    /** The handler records the answer; a second answer (someone was quicker) shows the page again with 409. */
    void answer(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String language = pages.language(ctx);
        String id = ctx.pathParam("complaintId");
        Map<String, String> values = new HashMap<>();
        values.put("answerDate", ctx.formParam("answerDate") == null ? "" : ctx.formParam("answerDate").strip());
        values.put("outcome", ctx.formParam("outcome") == null ? "" : ctx.formParam("outcome"));
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate answered = date(values, "answerDate", errors, language);
        if (errors.isEmpty()) {
            try {
                complaints.answer(caller, id, new ComplaintAnswer(answered, blankToNull(values.get("outcome"))));
                pages.redirect(ctx, "/complaints/" + id, Flash.COMPLAINT_ANSWERED);
                return;
            } catch (InvalidFields invalid) {
                reject(invalid, errors, language);
            } catch (Conflict conflict) {
                ctx.status(409);
                showComplaint(ctx, Map.of("", PageRenderer.text(language, "complaints.error.alreadyAnswered")), values);
                return;
            }
        }
        ctx.status(422);
        showComplaint(ctx, errors, values);
    }

    /** The leader gives an unanswered complaint to another handler; answered meanwhile, the page says so (409). */
    void handOver(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String id = ctx.pathParam("complaintId");
        try {
            complaints.handOver(caller, id, ctx.formParam("handler"));
            pages.redirect(ctx, "/complaints/" + id, Flash.COMPLAINT_HANDED_OVER);
        } catch (InvalidFields invalid) {
            ctx.status(422);
            showComplaint(ctx, Map.of("handler", PageRenderer.text(pages.language(ctx), "complaints.error.handler")), Map.of());
        } catch (Conflict conflict) {
            ctx.status(409);
            showComplaint(ctx, Map.of("", PageRenderer.text(pages.language(ctx), "complaints.error.alreadyAnswered")), Map.of());
        }
    }

    private void showComplaint(Context ctx, Map<String, String> errors, Map<String, String> values) {
        Caller caller = Requests.caller(ctx);
        String language = pages.language(ctx);
        Complaint complaint = complaints.get(caller, ctx.pathParam("complaintId"));
        Map<String, Object> model = new HashMap<>();
        model.put("complaint", view(complaint, LocalDate.now(), language));
        model.put("mayAnswer", complaint.open() && complaint.handlerId().equals(caller.userId()));
        model.put("mayHandOver", complaint.open() && caller.isLeader());
        model.put("handlers", directory.users(caller.organisationId()).stream()
                .filter(user -> user.role().worksCases() && !user.id().equals(complaint.handlerId()))
                .map(user -> Map.of("id", user.id(), "name", user.displayName())).toList());
        model.put("outcomes", Outcome.codes().stream().map(code -> Map.of("code", code,
                "label", PageRenderer.text(language, "complaints.outcome." + code))).toList());
        model.put("values", values);
        model.put("errors", errors);
        model.put("errorCount", errors.size());
        model.put("summary", summary(errors));
        pages.render(ctx, "complaint", model);
    }

    private void renderForm(Context ctx, Map<String, String> values, Map<String, String> errors) {
        Caller caller = Requests.caller(ctx);
        String language = pages.language(ctx);
        Map<String, Object> model = new HashMap<>();
        List<String> kinds = caller.role() == Role.COUNSELLOR ? List.of(Complainant.PARTICIPANT.code()) : Complainant.codes();
        model.put("complainants", kinds.stream().map(code -> Map.of("code", code,
                "label", PageRenderer.text(language, "complaints.complainant." + code))).toList());
        model.put("cases", cases.list(caller).stream().filter(found -> !found.participant().name().isEmpty())
                .map(found -> Map.of("id", found.id(), "name", found.participant().name())).toList());
        model.put("categories", categories(language));
        model.put("handlers", directory.users(caller.organisationId()).stream().filter(user -> user.role().worksCases())
                .map(user -> Map.of("id", user.id(), "name", user.displayName())).toList());
        model.put("values", values);
        model.put("errors", errors);
        model.put("errorCount", errors.size());
        model.put("summary", summary(errors));
        model.put("today", LocalDate.now().toString());
        pages.render(ctx, "complaint-form", model);
    }

    static List<Map<String, String>> categories(String language) {
        return ComplaintCategory.codes().stream().map(code -> Map.of("code", code,
                "label", PageRenderer.text(language, "complaints.category." + code))).toList();
    }

    /** What a page shows of a complaint: names and wordings, never codes or ids as text. */
    private static Map<String, Object> view(Complaint c, LocalDate today, String language) {
        Map<String, Object> view = new HashMap<>();
        view.put("id", c.id());
        view.put("caseId", c.caseId() == null ? "" : c.caseId());
        view.put("documentId", c.documentId() == null ? "" : c.documentId());
        view.put("kind", PageRenderer.text(language, "complaints.complainant." + c.complainant()));
        String who = switch (c.complainant()) {
            case "participant" -> c.participantName() == null || c.participantName().isEmpty()
                    ? PageRenderer.text(language, "case.anonymised") : c.participantName();
            case "anonymous" -> PageRenderer.text(language, "complaints.complainant.anonymous");
            default -> c.name();
        };
        view.put("who", who);
        view.put("contact", c.contact() == null ? "" : c.contact());
        view.put("summary", c.summary() == null ? "" : c.summary());
        view.put("received", c.receivedDate().toString());
        view.put("category", PageRenderer.text(language, "complaints.category." + c.category()));
        view.put("serviceEnded", c.serviceEnded() == null ? "" : c.serviceEnded().toString());
        view.put("late", c.late());
        view.put("due", c.answerDue().toString());
        view.put("overdue", c.overdue(today));
        view.put("handler", c.handlerName());
        view.put("open", c.open());
        view.put("answered", c.answerDate() == null ? "" : c.answerDate().toString());
        view.put("answeredLate", c.answeredLate());
        view.put("outcome", c.outcome() == null ? PageRenderer.text(language, "complaints.outcome.unrecorded")
                : PageRenderer.text(language, "complaints.outcome." + c.outcome()));
        return view;
    }

    private static void reject(InvalidFields invalid, Map<String, String> errors, String language) {
        for (InvalidFields.FieldError error : invalid.errors()) {
            String id = IDS.getOrDefault(error.field(), error.field());
            errors.merge(id, translate(error.field(), error.message(), language), (a, b) -> a + " " + b);
        }
    }

    /** The service's English message in the page's language: the complaint rules first, then the forms' common ones. */
    private static String translate(String field, String message, String language) {
        if (message.startsWith("must be empty")) {
            return PageRenderer.text(language, "complaints.error.empty");
        }
        if (message.startsWith("cannot be before the complaint was received")) {
            return PageRenderer.text(language, "complaints.error.beforeReceived");
        }
        if ("handler".equals(field)) {
            return PageRenderer.text(language, "complaints.error.handler");
        }
        return CaseForm.translate(message, language);
    }

    private static List<Map<String, String>> summary(Map<String, String> errors) {
        return errors.entrySet().stream().map(e -> Map.of("id", e.getKey(), "message", e.getValue())).toList();
    }

    private static LocalDate date(Map<String, String> values, String name, Map<String, String> errors, String language) {
        return CaseForm.date(values.getOrDefault(name, ""), IDS.get(name), errors, language);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
