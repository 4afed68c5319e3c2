package no.mappe.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is due next in a case, from the programme's rules and the case's documents: the next
 * progress report (every 3 months in APS and AFT, every 6 in VTA, counted from the end of the
 * period the last report covered, or from the start), the next meeting and the next review of the
 * plan (as the newest minutes or plan set them), documents still waiting for signatures, and
 * answers to complaints (due four weeks after the complaint was received). A case that has ended
 * has no progress report due.
 */
public final class Deadlines {

    /** A complaint must be answered in writing within four weeks. */
    public static final int COMPLAINT_ANSWER_WEEKS = 4;

    private Deadlines() {
    }

    /** Date fields of any template that set what comes next, and the kind of deadline each one is. */
    public static final Map<String, String> DATE_FIELDS = Map.of("nextMeeting", "next-meeting", "nextReview", "plan-review");

    /**
     * What the rules need to know about one document of the case.
     *
     * @param date  the document's business date: a progress report's period end, a complaint's received date, a
     *              meeting's date (see the manifests' {@code businessDate}), else the day it was made
     * @param dates the deadlines the document set (kind to date), from {@link #DATE_FIELDS}
     */
    public record DocumentFact(String id, String documentType, LocalDate date, String status, boolean needsSignatures,
                               Map<String, LocalDate> dates) {
    }

    /** The deadlines a new document's validated fields set (kind to date). */
    public static Map<String, LocalDate> datesSetBy(Map<String, Object> fields) {
        Map<String, LocalDate> dates = new java.util.LinkedHashMap<>();
        DATE_FIELDS.forEach((field, kind) -> {
            if (fields.get(field) instanceof LocalDate date) {
                dates.put(kind, date);
            }
        });
        return dates;
    }

    /**
     * One thing due in a case.
     *
     * @param kind       progress-report, signatures or complaint-answer
     * @param documentId the document it is about, if any
     */
    public record Deadline(String kind, LocalDate due, String documentId) {

        public boolean overdue(LocalDate today) {
            return due != null && due.isBefore(today);
        }
    }

    /**
     * A complaint of the case still waiting for its answer, from the complaint register: due four
     * weeks after it was received (not after the day it was written down).
     *
     * @param documentId the complaint form, if the caller may open it
     */
    public record OpenComplaint(String documentId, LocalDate answerDue) {
    }

    /** Everything due in a case without a complaint register: complaints are taken from the complaint forms' own dates. */
    public static List<Deadline> of(Case found, List<DocumentFact> documents) {
        List<OpenComplaint> open = new ArrayList<>();
        for (DocumentFact complaint : documents.stream().filter(d -> d.documentType().equals("complaint")).toList()) {
            boolean answered = documents.stream().anyMatch(d -> d.documentType().equals("complaint-answer")
                    && !d.date().isBefore(complaint.date()));
            if (!answered) {
                open.add(new OpenComplaint(complaint.id(), complaint.date().plusWeeks(COMPLAINT_ANSWER_WEEKS)));
            }
        }
        return of(found, documents, open);
    }

    /** Everything due in the case, soonest first (signatures, which have no date, last); complaints as the register has them. */
    public static List<Deadline> of(Case found, List<DocumentFact> documents, List<OpenComplaint> openComplaints) {
        List<Deadline> deadlines = new ArrayList<>();
        nextProgressReport(found, documents).ifPresent(due -> deadlines.add(new Deadline("progress-report", due, null)));
        openComplaints.forEach(open -> deadlines.add(new Deadline("complaint-answer", open.answerDue(), open.documentId())));
        // The next meeting and the next review come from the newest document that set them.
        for (String kind : DATE_FIELDS.values()) {
            documents.stream().filter(d -> d.dates().containsKey(kind)).max(Comparator.comparing(DocumentFact::date))
                    .ifPresent(newest -> deadlines.add(new Deadline(kind, newest.dates().get(kind), newest.id())));
        }
        for (DocumentFact document : documents) {
            if (document.needsSignatures()) {
                deadlines.add(new Deadline("signatures", null, document.id()));
            }
        }
        deadlines.sort(Comparator.comparing(Deadline::due, Comparator.nullsLast(Comparator.naturalOrder())));
        return List.copyOf(deadlines);
    }

    /**
     * The end of the period the last progress report covered (its business date; the day it was made for reports from
     * before manifests named one), or the case's start, plus the programme's interval; none once the case has ended.
     * A report written late for a period that ended two months ago is due again one month on in APS, not three.
     */
    public static Optional<LocalDate> nextProgressReport(Case found, List<DocumentFact> documents) {
        boolean ended = found.events().stream().anyMatch(e -> e.type().equals(CaseEventType.CASE_ENDED.code())
                || e.type().equals(CaseEventType.FINAL_REPORT_RECEIVED.code()));
        Optional<Programme> programme = Programme.fromCode(found.programme());
        if (ended || programme.isEmpty()) {
            return Optional.empty();
        }
        LocalDate last = documents.stream().filter(d -> d.documentType().equals("progress-report")).map(DocumentFact::date)
                .max(LocalDate::compareTo).orElse(found.startDate());
        return Optional.of(last.plusMonths(programme.get().reportIntervalMonths()));
    }
}
