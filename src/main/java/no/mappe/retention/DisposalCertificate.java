package no.mappe.retention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.archive.Archive;
import no.mappe.archive.Document;
import no.mappe.archive.DocumentService;
import no.mappe.audit.AuditAnchor;
import no.mappe.audit.AuditHead;
import no.mappe.audit.AuditLog;
import no.mappe.errors.StorageFailure;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.security.User;
import no.mappe.templates.PdfRenderer;
import no.mappe.templates.Xhtml;

/**
 * The disposal certificate (kassasjonsprotokoll) of an executed sweep: a PDF/A listing what went,
 * under which class and rule, who ran the sweep and who approved it. It is archived in the
 * organisation's records case under its own retention class, and carries ids and rule names only.
 *
 * <p>It also prints the audit log's head when it was issued (entry number and chain value), in the
 * PDF and in its stored text: an anchor outside the audit table, so that removing the newest
 * entries later is found by {@code mappe verify} ({@link #auditAnchors}).
 */
public final class DisposalCertificate {

    public static final String DOCUMENT_TYPE = "disposal-certificate";
    /** Beyond this many lines the certificate gives the totals and points to the stored disposal list. */
    static final int MAX_LINES = 5_000;
    /** The printed audit head ({@link #headText}) in either language. */
    private static final Pattern HEAD = Pattern.compile("post (\\d{1,18}), (?:kjedeverdi|kædeværdi) ([0-9a-f]{64})");

    private final DocumentService documents;
    private final Directory directory;
    private final PdfRenderer renderer;
    private final AuditLog audit;

    public DisposalCertificate(DocumentService documents, Directory directory, PdfRenderer renderer, AuditLog audit) {
        this.documents = documents;
        this.directory = directory;
        this.renderer = renderer;
        this.audit = audit;
    }

    /** Renders and archives the certificate; {@code also} runs in the same transaction (it marks the sweep as certified). */
    Document issue(SweepReport sweep, String policyFile, List<SweepItem> disposed, DocumentService.AlsoForRecord also) {
        Organisation organisation = directory.organisation(sweep.organisationId()).orElseThrow();
        boolean danish = "da".equals(organisation.language());
        String title = danish ? "Kassationsprotokol" : "Kassasjonsprotokoll";
        String auditHead = audit.head().map(head -> headText(head, danish)).orElse("");
        String xhtml = xhtml(organisation, danish, title, sweep, policyFile, disposed, auditHead);
        byte[] pdf = renderer.render(xhtml, DOCUMENT_TYPE);
        String text = title + " " + sweep.sweepId() + " " + policyFile + " " + disposed.size() + "\n" + auditHead;
        return documents.archiveRecord(sweep.organisationId(), "mappe", DOCUMENT_TYPE, danish ? "Kassationsprotokoller"
                : "Kassasjonsprotokoller", pdf, text, also);
    }

    /** The audit head as printed, e.g. "post 1234, kjedeverdi 9f3c…" (64 hex digits). */
    static String headText(AuditHead head, boolean danish) {
        return "post " + head.entry() + ", " + (danish ? "kædeværdi " : "kjedeverdi ") + head.chainValue();
    }

    /** The audit head printed in a certificate's text, if there is one. */
    static Optional<AuditHead> headIn(String text) {
        Matcher matcher = HEAD.matcher(text);
        return matcher.find() ? Optional.of(new AuditHead(Long.parseLong(matcher.group(1)), matcher.group(2))) : Optional.empty();
    }

    /**
     * The audit heads printed in every disposal certificate of every organisation, read from their
     * stored text, for {@code mappe verify}. A certificate whose text cannot be read is skipped here;
     * checking the stored files reports it.
     */
    public static List<AuditAnchor> auditAnchors(Archive archive, Directory directory) {
        List<AuditAnchor> anchors = new ArrayList<>();
        for (Organisation organisation : directory.organisations()) {
            for (Document certificate : archive.listByType(organisation.id(), DOCUMENT_TYPE)) {
                try {
                    archive.extractedTexts(organisation.id(), certificate.id()).stream().map(DisposalCertificate::headIn)
                            .flatMap(Optional::stream).findFirst().ifPresent(head -> anchors.add(new AuditAnchor(head,
                                    certificate.createdAt(), "disposal certificate " + certificate.id())));
                } catch (StorageFailure ignored) {
                    // its damaged text blob is reported by the check of the stored files
                }
            }
        }
        return anchors;
    }

    private String xhtml(Organisation organisation, boolean danish, String title, SweepReport sweep, String policyFile,
                         List<SweepItem> disposed, String auditHead) {
        Map<String, Integer> byClass = new LinkedHashMap<>();
        disposed.forEach(item -> byClass.merge(item.retentionClass() + "\u0000" + item.rule() + "\u0000" + item.outcome(), 1,
                Integer::sum));
        StringBuilder summary = new StringBuilder();
        byClass.forEach((key, count) -> {
            String[] parts = key.split("\u0000");
            summary.append(row(parts[0], parts[1], parts[2], Integer.toString(count)));
        });
        StringBuilder lines = new StringBuilder();
        disposed.stream().limit(MAX_LINES).forEach(item -> lines.append(row(item.documentId(), item.documentType(),
                item.retentionClass(), item.outcome(), item.dueDate().toString())));
        String more = disposed.size() > MAX_LINES
                ? "<p>" + (danish ? "Listen viser de første " + MAX_LINES + " af " + disposed.size() + " dokumenter; hele listen er i"
                + " kassationsloggen for kørslen." : "Listen viser de første " + MAX_LINES + " av " + disposed.size() + " dokumentene;"
                + " hele listen ligger i kassasjonsloggen for kjøringen.") + "</p>"
                : "";
        String approval = sweep.approvedBy() == null
                ? (danish ? "Ikke krævet efter politikken" : "Ikke påkrevd etter policyen")
                : name(sweep.organisationId(), sweep.approvedBy()) + ", " + sweep.approvedAt();
        return "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"" + organisation.language() + "\"><head><meta charset=\"UTF-8\" />"
                + "<title>" + title + "</title><meta name=\"subject\" content=\"" + title + " – " + Xhtml.escape(organisation.name())
                + "\" /><meta name=\"author\" content=\"" + Xhtml.escape(organisation.name()) + "\" />"
                + "<style>@page { size: A4; margin: 15mm; }"
                + " body { font-family: 'Noto Sans'; font-size: 9pt; }"
                + " table { border-collapse: collapse; width: 100%; margin-bottom: 5mm; }"
                + " th, td { border: 0.5pt solid #777; padding: 1.2mm; text-align: left; vertical-align: top; } th { background: #e8e8e8; }"
                + " td { word-wrap: break-word; } dt { font-weight: bold; } dd { margin: 0 0 1.5mm 0; }</style></head><body>"
                + "<h1>" + title + "</h1><dl>"
                + item(danish ? "Organisation" : "Organisasjon", organisation.name())
                + item(danish ? "Kørsel" : "Kjøring", sweep.sweepId())
                + item(danish ? "Startet af" : "Startet av", name(sweep.organisationId(), sweep.startedBy()) + ", " + sweep.startedAt())
                + item(danish ? "Godkendt af" : "Godkjent av", approval)
                + item(danish ? "Afsluttet" : "Avsluttet", sweep.finishedAt() == null ? "" : sweep.finishedAt())
                + item(danish ? "Bevarings- og kassationsplan" : "Bevarings- og kassasjonsplan", policyFile)
                + item(danish ? "Antal dokumenter" : "Antall dokumenter", Integer.toString(disposed.size()))
                + (auditHead.isEmpty() ? "" : item(danish ? "Revisionslog ved udstedelse" : "Revisjonslogg ved utstedelse", auditHead))
                + "</dl><h2>" + (danish ? "Pr. klasse og regel" : "Per klasse og regel") + "</h2><table><thead><tr>"
                + header("Klasse", "Regel", danish ? "Udført" : "Utført", danish ? "Antal" : "Antall")
                + "</tr></thead><tbody>" + summary + "</tbody></table><h2>Dokumenter</h2>"
                + "<table><thead><tr>" + header("Dokument-id", "Dokumenttype", "Klasse", danish ? "Udført" : "Utført", "Frist")
                + "</tr></thead><tbody>"
                + lines + "</tbody></table>" + more + "<p>" + (danish
                ? "Protokollen indeholder ingen personoplysninger: kun dokument-id, type og regel."
                : "Protokollen inneholder ingen personopplysninger: bare dokument-id, type og regel.") + "</p></body></html>";
    }

    private String name(String organisationId, String userId) {
        return directory.user(organisationId, userId).map(User::displayName).orElse(userId);
    }

    private static String item(String term, String value) {
        return "<dt>" + Xhtml.escape(term) + "</dt><dd>" + Xhtml.escape(value) + "</dd>";
    }

    private static String header(String... cells) {
        StringBuilder html = new StringBuilder();
        for (String cell : cells) {
            html.append("<th scope=\"col\">").append(Xhtml.escape(cell)).append("</th>");
        }
        return html.toString();
    }

    private static String row(String... cells) {
        StringBuilder html = new StringBuilder("<tr>");
        for (String cell : cells) {
            html.append("<td>").append(Xhtml.escape(cell)).append("</td>");
        }
        return html.append("</tr>").toString();
    }
}
