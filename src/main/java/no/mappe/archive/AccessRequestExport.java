package no.mappe.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import no.mappe.audit.AuditEntry;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.cases.Case;
import no.mappe.cases.CaseService;
import no.mappe.cases.Programme;
import no.mappe.errors.NotAllowed;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.security.TimeZones;
import no.mappe.templates.PdfRenderer;
import no.mappe.templates.Xhtml;
import no.mappe.text.Messages;

/**
 * Innsyn: everything kept about one participant's case as one ZIP for the leader to hand over:
 * every version of every document as PDF, an index PDF listing them, and the audit entries about
 * them as CSV. The export is itself audited. File names inside carry ids, never names.
 */
public final class AccessRequestExport {

    private final Archive archive;
    private final CaseService cases;
    private final Directory directory;
    private final DocumentService documents;
    private final PdfRenderer renderer;
    private final AuditLog audit;
    private final TimeZones zones;

    public AccessRequestExport(Archive archive, CaseService cases, Directory directory, DocumentService documents,
                               PdfRenderer renderer, AuditLog audit, TimeZones zones) {
        this.archive = archive;
        this.cases = cases;
        this.directory = directory;
        this.documents = documents;
        this.renderer = renderer;
        this.audit = audit;
        this.zones = zones;
    }

    public byte[] export(Caller caller, String caseId) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can export a participant's documents (innsyn)");
        }
        Case owner = cases.visible(caller, caseId);
        List<Document> documents = archive.listByCase(caller.organisationId(), caseId);
        Map<String, String> names = directory.names(caller.organisationId()); // deactivated people keep their names here
        List<AuditEntry> trail = audit.aboutAny(caller.organisationId(), Map.of("case", List.of(caseId),
                "document", documents.stream().map(Document::id).toList()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Document document : documents) {
                for (DocumentVersion version : document.versions()) {
                    add(zip, "documents/" + document.id() + "/version-" + version.version() + ".pdf",
                            archive.content(caller.organisationId(), document.id(), version.version()));
                }
            }
            Organisation organisation = directory.organisation(caller.organisationId()).orElseThrow();
            add(zip, "index.pdf", renderer.render(indexXhtml(organisation, owner, documents), "access-request-index"));
            add(zip, "audit.csv", csv(trail, names, organisation.language(), zones.of(organisation.id())).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "access-request-exported").on("case", caseId)
                .withDetail(documents.size() + " documents"));
        return bytes.toByteArray();
    }

    private static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private String indexXhtml(Organisation organisation, Case owner, List<Document> documents) {
        boolean danish = "da".equals(organisation.language());
        StringBuilder rows = new StringBuilder();
        for (Document document : documents) {
            String title = this.documents.title(document);
            for (DocumentVersion version : document.versions()) {
                rows.append("<tr><td>").append(escape(title)).append("</td><td>").append(document.documentDate() == null ? ""
                                : document.documentDate().format(no.mappe.text.DisplayDates.DAY))
                        .append("</td><td>")
                        .append(version.version()).append(version.sealed() ? (danish ? " (forseglet)" : " (forseglet)") : "")
                        .append("</td><td>").append(escape(Messages.text(organisation.language(), "status." + document.status())))
                        .append("</td><td>documents/").append(document.id())
                        .append("/version-").append(version.version()).append(".pdf<br />SHA-256 ").append(version.sha256())
                        .append("</td></tr>");
            }
        }
        String heading = danish ? "Aktindsigt: oversigt over dokumenter" : "Innsyn: oversikt over dokumenter";
        return "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"" + organisation.language() + "\"><head><meta charset=\"UTF-8\" />"
                + "<title>" + heading + "</title><meta name=\"subject\" content=\"" + heading + " – " + escape(organisation.name())
                + "\" /><style>@page { size: A4 landscape; margin: 15mm; }"
                + " body { font-family: 'Noto Sans'; font-size: 11pt; } table { border-collapse: collapse; width: 100%; }"
                + " th, td { border: 0.5pt solid #777; padding: 1.5mm; text-align: left; vertical-align: top; font-size: 10.5pt; }"
                + " th { background: #e8e8e8; }"
                + " td { word-wrap: break-word; }</style></head><body><h1>" + heading + "</h1><p>" + escape(organisation.name()) + " · "
                + escape(owner.participant().name()) + " · " + escape(Programme.displayName(owner.programme(), organisation.language()))
                + "</p><table><thead><tr>"
                + "<th scope=\"col\">" + (danish ? "Dokument" : "Dokument") + "</th><th scope=\"col\">" + (danish ? "Dato" : "Dato")
                + "</th><th scope=\"col\">" + (danish ? "Version" : "Versjon") + "</th><th scope=\"col\">Status</th><th scope=\"col\">"
                + (danish ? "Fil" : "Fil") + "</th></tr></thead><tbody>" + rows + "</tbody></table><p>"
                + (danish ? "Revisionssporet over, hvem der har læst dokumenterne, er i audit.csv."
                : "Revisjonssporet over hvem som har lest dokumentene, ligger i audit.csv.") + "</p></body></html>";
    }

    /** When an entry was made, on the organisation's clock, as the pages and the sealed documents write it. */
    private static final java.time.format.DateTimeFormatter WHEN = no.mappe.text.DisplayDates.MINUTE;

    /**
     * The audit entries as the participant reads them: headers, actions and what they concern in the
     * organisation's language, times on its clock; the document's id stays, as the folder its files are
     * in. The stored detail (English, for operators) is left out.
     */
    private static String csv(List<AuditEntry> trail, Map<String, String> names, String language, java.time.ZoneId zone) {
        StringBuilder csv = new StringBuilder(String.join(";", Messages.text(language, "language.export.number"),
                Messages.text(language, "audit.when"), Messages.text(language, "audit.who"), Messages.text(language, "audit.what"),
                Messages.text(language, "audit.about"), Messages.text(language, "language.export.folder")) + "\n");
        for (AuditEntry entry : trail) {
            AuditEvent event = entry.event();
            String about = "document".equals(event.targetType()) ? Messages.text(language, "audit.document")
                    : Messages.text(language, "audit.case");
            csv.append(entry.seq()).append(';').append(WHEN.format(java.time.Instant.parse(entry.at()).atZone(zone)))
                    .append(';').append(cell(names.getOrDefault(event.actorId(), Messages.text(language, "language.export.system"))))
                    .append(';').append(cell(Messages.auditAction(language, event.action()))).append(';').append(cell(about)).append(';')
                    .append(cell("document".equals(event.targetType()) ? "documents/" + event.targetId() : "")).append('\n');
        }
        return csv.toString();
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = value.startsWith("=") || value.startsWith("+") || value.startsWith("-") || value.startsWith("@")
                ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private static String escape(String text) {
        return Xhtml.escape(text);
    }
}
