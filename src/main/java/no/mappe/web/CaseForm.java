package no.mappe.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.cases.Case;
import no.mappe.cases.CaseChange;
import no.mappe.cases.NewCase;
import no.mappe.cases.Referral;
import no.mappe.errors.InvalidFields;

/**
 * The case form (new case, edit, transfer) as a page sends it: its values as typed, the requests
 * made of them, and the service's field errors in the user's language, keyed by the input's id
 * so the error summary links to the field.
 */
final class CaseForm {

    /** Form field name (also the API's field path) → the input's id on the page. */
    private static final Map<String, String> IDS = Map.ofEntries(
            Map.entry("participant", "participant-name"),
            Map.entry("participant.name", "participant-name"),
            Map.entry("participant.birthDate", "participant-birthDate"),
            Map.entry("programme", "programme"),
            Map.entry("counsellor", "counsellor"),
            Map.entry("startDate", "startDate"),
            Map.entry("referral.reference", "referral-reference"),
            Map.entry("referral.service", "referral-service"),
            Map.entry("referral.from", "referral-from"),
            Map.entry("referral.to", "referral-to"),
            Map.entry("date", "date"));

    /** The service's English messages (most specific first) → the page's message key; a date in brackets becomes {0}. */
    private static final List<Map.Entry<Pattern, String>> MESSAGES = List.of(
            Map.entry(Pattern.compile("is required when a leader opens a case"), "caseForm.error.counsellor"),
            Map.entry(Pattern.compile("is required.*"), "form.error.required"),
            Map.entry(Pattern.compile("must be at most (\\d+) characters"), "form.error.tooLong"),
            Map.entry(Pattern.compile("must be a real birth date"), "caseForm.error.birthDate"),
            Map.entry(Pattern.compile("must be a date.*"), "form.error.date"),
            Map.entry(Pattern.compile("must be one of .*|must be the id of .*|a counsellor can only .*"), "form.error.choice"),
            Map.entry(Pattern.compile("cannot end before it starts \\((.+)\\)"), "caseForm.error.endsBeforeStart"),
            Map.entry(Pattern.compile("cannot be in the future"), "caseForm.error.future"),
            Map.entry(Pattern.compile("cannot be before the case started \\((.+)\\)"), "caseForm.error.beforeStart"),
            Map.entry(Pattern.compile("cannot be before the previous transfer \\((.+)\\)"), "caseForm.error.beforeTransfer"),
            Map.entry(Pattern.compile("cannot be after an event recorded in the case \\((.+)\\)"), "caseForm.error.afterEvent"),
            Map.entry(Pattern.compile("is already the case's programme.*"), "caseForm.error.sameProgramme"));

    private static final DateTimeFormatter DAY = no.mappe.text.DisplayDates.DAY;

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final String language;

    private CaseForm(String language) {
        this.language = language;
    }

    /** The form as posted. */
    static CaseForm posted(Context ctx, String language) {
        CaseForm form = new CaseForm(language);
        for (String name : List.of("participant.name", "participant.birthDate", "programme", "counsellor", "startDate",
                "referral.reference", "referral.service", "referral.from", "referral.to", "date", "version")) {
            String value = ctx.formParam(name);
            form.values.put(name, value == null ? "" : value.strip());
        }
        return form;
    }

    /** The form filled with a case's values, to edit it. */
    static CaseForm of(Case found, String language) {
        CaseForm form = new CaseForm(language);
        form.values.put("participant.name", found.participant().name());
        form.values.put("participant.birthDate", text(found.participant().birthDate()));
        form.values.put("programme", found.programme());
        form.values.put("startDate", text(found.startDate()));
        form.values.put("referral.reference", found.referral().reference());
        form.values.put("referral.service", found.referral().service());
        form.values.put("referral.from", text(found.referral().from()));
        form.values.put("referral.to", text(found.referral().to()));
        form.values.put("version", String.valueOf(found.version()));
        return form;
    }

    static CaseForm empty(String language) {
        return new CaseForm(language);
    }

    NewCase newCase() {
        String counsellor = values.get("counsellor");
        return new NewCase(participant(), blankToNull(values.get("programme")), blankToNull(counsellor), date("startDate"), referral());
    }

    CaseChange change() {
        return new CaseChange(participant(), date("startDate"), referral(), version());
    }

    String programme() {
        return blankToNull(values.get("programme"));
    }

    LocalDate transferDate() {
        return date("date");
    }

    Integer version() {
        try {
            return Integer.valueOf(values.getOrDefault("version", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True when a date could not be read; those errors are shown on their own, nothing is saved. */
    boolean hasErrors() {
        return !errors.isEmpty();
    }

    void reject(InvalidFields invalid) {
        for (InvalidFields.FieldError error : invalid.errors()) {
            String id = IDS.getOrDefault(error.field(), "");
            errors.merge(id, translate(error.message(), language), (first, second) -> first + " " + second);
        }
    }

    void reject(String message) {
        errors.put("", message);
    }

    /** What the page template needs: values by input id, errors by input id, and the summary's list in form order. */
    Map<String, Object> model() {
        Map<String, String> byId = new LinkedHashMap<>();
        values.forEach((name, value) -> byId.put(IDS.getOrDefault(name, name), value));
        List<Map<String, String>> summary = errors.entrySet().stream()
                .map(e -> Map.of("id", e.getKey(), "message", e.getValue())).toList();
        return Map.of("values", byId, "errors", errors, "summary", summary, "errorCount", errors.size());
    }

    private NewCase.NewParticipant participant() {
        return new NewCase.NewParticipant(blankToNull(values.get("participant.name")), date("participant.birthDate"));
    }

    private Referral referral() {
        return new Referral(values.getOrDefault("referral.reference", ""), values.getOrDefault("referral.service", ""),
                date("referral.from"), date("referral.to"));
    }

    private LocalDate date(String name) {
        return date(values.getOrDefault(name, ""), IDS.get(name), errors, language);
    }

    /**
     * A date from an {@code <input type="date">} (YYYY-MM-DD), null when empty; one that cannot be read
     * is noted as the error of the field {@code fieldId}. Shared by the page forms that read dates.
     */
    static LocalDate date(String value, String fieldId, Map<String, String> errors, String language) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.put(fieldId, PageRenderer.text(language, "form.error.date"));
            return null;
        }
    }

    /** A service's English field message in the page's language; never English on the page, whatever it says. */
    static String translate(String message, String language) {
        for (Map.Entry<Pattern, String> known : MESSAGES) {
            Matcher match = known.getKey().matcher(message);
            if (match.matches()) {
                Object[] arguments = new Object[match.groupCount()];
                for (int i = 0; i < arguments.length; i++) {
                    arguments[i] = day(match.group(i + 1));
                }
                return PageRenderer.text(language, known.getValue(), arguments);
            }
        }
        return PageRenderer.text(language, "caseForm.error.other");
    }

    private static String day(String value) {
        try {
            return LocalDate.parse(value).format(DAY);
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    private static String text(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
