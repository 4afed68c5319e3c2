package no.mappe.archive;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.mappe.cases.Case;
import no.mappe.cases.CaseService;
import no.mappe.cases.Deadlines;
import no.mappe.complaints.Complaint;
import no.mappe.complaints.ComplaintRegister;
import no.mappe.security.Caller;
import no.mappe.templates.TemplateCatalogue;

/** The counsellor's start page: each case with what is due next in it, from the documents the caller may see. */
public final class CaseOverviews {

    private final Archive archive;
    private final CaseService cases;
    private final TemplateCatalogue catalogue;
    private final ComplaintRegister complaints;

    public CaseOverviews(Archive archive, CaseService cases, TemplateCatalogue catalogue, ComplaintRegister complaints) {
        this.archive = archive;
        this.cases = cases;
        this.catalogue = catalogue;
        this.complaints = complaints;
    }

    /**
     * A case with what is due next in it, as the counsellor's start page lists it.
     *
     * @param visible the case's documents the caller's level reads (without their versions)
     */
    public record CaseOverview(Case owner, List<Deadlines.Deadline> deadlines, List<Document> visible) {

        public int documents() {
            return visible.size();
        }
    }

    /** One page of the cases the caller may see (newest first), with their deadlines, and how many there are in all. */
    public record Page(List<CaseOverview> cases, int total, int offset, int limit) {
    }

    public Page page(Caller caller, int offset, int limit) {
        CaseService.Page visible = cases.page(caller, offset, limit);
        return new Page(visible.cases().stream().map(found -> of(caller, found)).toList(), visible.total(), offset, limit);
    }

    /** One case's deadlines, from the documents the caller may see. */
    public CaseOverview of(Caller caller, Case owner) {
        return overview(caller, owner, archive.listByCase(caller.organisationId(), owner.id()),
                archive.deadlinesOfCase(caller.organisationId(), owner.id()),
                complaints.ofCase(caller.organisationId(), owner.id()).stream().filter(Complaint::open).toList());
    }

    /**
     * Every given case's deadlines, as {@link #of} gives them one by one, from three reads of the
     * whole organisation instead of three per case: the leader's overview across a thousand cases.
     */
    public List<CaseOverview> all(Caller caller, List<Case> owners) {
        Map<String, List<Document>> documents = archive.documentsByCase(caller.organisationId());
        Map<String, Map<String, LocalDate>> dates = archive.deadlinesOfOrganisation(caller.organisationId());
        Map<String, List<Complaint>> open = complaints.openByCase(caller.organisationId());
        return owners.stream().map(owner -> overview(caller, owner, documents.getOrDefault(owner.id(), List.of()), dates,
                open.getOrDefault(owner.id(), List.of()))).toList();
    }

    private CaseOverview overview(Caller caller, Case owner, List<Document> documents, Map<String, Map<String, LocalDate>> dates,
                                  List<Complaint> openComplaints) {
        List<Document> visible = documents.stream().filter(document -> document.accessLevel() <= caller.role().highestLevel()).toList();
        List<Deadlines.DocumentFact> facts = visible.stream().map(document -> new Deadlines.DocumentFact(document.id(),
                document.documentType(), document.documentDate(), document.status(), awaitsSignatures(document),
                dates.getOrDefault(document.id(), Map.of()))).toList();
        // Complaints come from the register (a counsellor sees their case's ones there too), linked to the form only if it is visible.
        java.util.Set<String> visibleIds = visible.stream().map(Document::id).collect(java.util.stream.Collectors.toSet());
        List<Deadlines.OpenComplaint> open = openComplaints.stream()
                .map(c -> new Deadlines.OpenComplaint(visibleIds.contains(c.documentId()) ? c.documentId() : null, c.answerDue()))
                .toList();
        return new CaseOverview(owner, Deadlines.of(owner, facts, open), visible);
    }

    private boolean awaitsSignatures(Document document) {
        boolean open = Document.STATUS_DRAFT.equals(document.status()) || Document.STATUS_AWAITING_SIGNATURES.equals(document.status());
        return open && catalogue.find(document.organisationId(), document.templateId())
                .map(t -> !t.manifest().signers().isEmpty()).orElse(false);
    }
}
