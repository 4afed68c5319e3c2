package no.mappe.minutes;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import no.mappe.archive.DocumentService;
import no.mappe.archive.DocumentView;
import no.mappe.archive.NewDocument;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.cases.Case;
import no.mappe.cases.CaseService;
import no.mappe.security.Caller;
import no.mappe.security.Directory;

/**
 * The organisation's minutes book: minutes of all-staff, supervisors', department, working
 * environment committee and board meetings, at level 1 or 2, with initials only. Every role writes
 * and reads them at its level; counsellors too, whatever their cases. The book is one case of kind
 * {@code minutes}, made the first time it is opened, so the archive, seals, search, retention and
 * audit treat minutes as any other document.
 */
public final class MinutesBook {

    private final CaseService cases;
    private final DocumentService documents;
    private final MinutesCheck check;
    private final Directory directory;
    private final AuditLog audit;

    public MinutesBook(CaseService cases, DocumentService documents, MinutesCheck check, Directory directory, AuditLog audit) {
        this.cases = cases;
        this.documents = documents;
        this.check = check;
        this.directory = directory;
        this.audit = audit;
    }

    /** One entry of the book: the document, and the meeting it records (type and date, from its fields). */
    public record Entry(DocumentView document, String meetingType, LocalDate meetingDate) {
    }

    /** The book's case, named in the organisation's language ("Møtereferater" / "Mødereferater"), where it is shown as the folder. */
    public Case book(Caller caller) {
        String language = directory.organisation(caller.organisationId()).map(organisation -> organisation.language()).orElse("nb");
        return cases.minutesBook(caller.organisationId(), "da".equals(language) ? "Mødereferater" : "Møtereferater");
    }

    /**
     * The minutes the caller may read, newest meeting first. Reading their meeting type and date
     * opens their stored fields, so the listing is audited once.
     */
    public List<Entry> list(Caller caller) {
        Case book = book(caller);
        List<Entry> entries = documents.listForCase(caller, book.id()).stream().map(view -> {
            Map<String, Object> fields = documents.draftFields(caller, view.document().id(), null);
            Object date = fields.get("meetingDate");
            LocalDate meetingDate = date == null ? view.document().documentDate() : LocalDate.parse(String.valueOf(date));
            return new Entry(view, String.valueOf(fields.getOrDefault("meetingType", "")), meetingDate);
        }).sorted(Comparator.comparing(Entry::meetingDate).reversed()).toList();
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "minutes-listed").on("case", book.id())
                .withDetail(entries.size() + " minutes"));
        return entries;
    }

    /** Writes minutes: checked for birth numbers and names (see {@link MinutesCheck}), then made like any document. */
    public DocumentView write(Caller caller, NewDocument request) {
        NewDocument minutes = new NewDocument(MinutesCheck.TEMPLATE, request.language(), request.fields(), request.accessLevel(),
                request.confirmNameLike());
        return documents.generate(caller, book(caller).id(), minutes);
    }

    /** The PDF the minutes would become, stored nowhere; checked as on save. */
    public byte[] preview(Caller caller, NewDocument request) {
        return documents.preview(caller, book(caller).id(), new NewDocument(MinutesCheck.TEMPLATE, request.language(), request.fields(),
                request.accessLevel(), request.confirmNameLike()));
    }

    /** What in a minutes form must change before it is saved; checks only, stores nothing. */
    public List<PersonalDataCheck.Finding> check(Caller caller, Map<String, Object> fields) {
        return check.findings(caller.organisationId(), fields);
    }
}
