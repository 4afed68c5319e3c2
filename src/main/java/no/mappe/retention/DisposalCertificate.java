package no.mappe.retention;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.archive.Document;
import no.mappe.archive.DocumentService;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.security.User;
import no.mappe.templates.PdfRenderer;
import no.mappe.templates.Xhtml;

/**
 * The disposal certificate (kassasjonsprotokoll) of an executed sweep: a PDF/A listing what went,
 * under which class and rule, who ran the sweep and who approved it. It is archived in the
 * organisation's records case under its own retention class, and carries ids and rule names only.
 */
public final class DisposalCertificate {

    public static final String DOCUMENT_TYPE = "disposal-certificate";
    /** Beyond this many lines the certificate gives the totals and points to the stored disposal list. */
    static final int MAX_LINES = 5_000;

    private final DocumentService documents;
    private final Directory directory;
    private final PdfRenderer renderer;

    public DisposalCertificate(DocumentService documents, Directory directory, PdfRenderer renderer) {
        this.documents = documents;
        this.directory = directory;
        this.renderer = renderer;
    }

    /** Renders and archives the certificate; {@code also} runs in the same transaction (it marks the sweep as certified). */
    Document issue(SweepReport sweep, String policyFile, List<SweepItem> disposed, DocumentService.AlsoForRecord also) {
        Organisation organisation = directory.organisation(sweep.organisationId()).orElseThrow();
        boolean danish = "da".equals(organisation.language());
        String title = danish ? "Kassationsprotokol" : "Kassasjonsprotokoll";
        String xhtml = xhtml(organisation, danish, title, sweep, policyFile, disposed);
        byte[] pdf = renderer.render(xhtml, DOCUMENT_TYPE);
        String text = title + " " + sweep.sweepId() + " " + policyFile + " " + disposed.size();
        return documents.archiveRecord(sweep.organisationId(), "mappe", DOCUMENT_TYPE, danish ? "Kassationsprotokoller"
                : "Kassasjonsprotokoller", pdf, text, also);
    }

    private String xhtml(Organisation organisation, boolean danish, String title, SweepReport sweep, String policyFile,
                         List<SweepItem> disposed) {
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
