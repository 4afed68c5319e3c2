package no.mappe.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
import no.mappe.security.OrganisationProfile;
import no.mappe.security.ProfileService;
import no.mappe.security.TimeZones;
import no.mappe.security.User;
import no.mappe.templates.PdfRenderer;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.Xhtml;

/**
 * The disposal certificate (kassasjonsprotokoll) of an executed sweep: a PDF/A letter on the
 * organisation's letterhead saying what went, under which rule, who ran the sweep and who approved
 * it, with the disposed documents listed in an appendix. It is archived in the
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
    private final ProfileService profiles;
    private final TemplateCatalogue catalogue;
    private final TimeZones zones;

    public DisposalCertificate(DocumentService documents, Directory directory, PdfRenderer renderer, AuditLog audit,
                               ProfileService profiles, TemplateCatalogue catalogue, TimeZones zones) {
        this.documents = documents;
        this.directory = directory;
        this.renderer = renderer;
        this.audit = audit;
        this.profiles = profiles;
        this.catalogue = catalogue;
        this.zones = zones;
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

    private static final DateTimeFormatter DAY = no.mappe.text.DisplayDates.DAY;

    /**
     * The certificate as a letter on the organisation's letterhead (name, address and contact from
     * its profile): the date, a heading, a body that says what was disposed of and under which
     * rule, the counts per document type, who ran and who approved it, and the list of documents
     * as an appendix (ids only: it is the key to the disposal log).
     */
    private String xhtml(Organisation organisation, boolean danish, String title, SweepReport sweep, String policyFile,
                         List<SweepItem> disposed, String auditHead) {
        OrganisationProfile profile = profiles.get(organisation.id());
        String sender = profile.legalName().isBlank() ? organisation.name() : profile.legalName();
        String contact = String.join(" · ", java.util.stream.Stream.of(profile.phone(), profile.email(), profile.website())
                .filter(text -> !text.isBlank()).toList());
        ZoneId zone = zones.of(organisation.id()); // the organisation's clock, as on its pages
        LocalDate issued = sweep.finishedAt() == null ? LocalDate.now(zone) : day(sweep.finishedAt(), zone);
        Map<String, String> titles = documentTitles(organisation.id(), danish);

        Map<String, int[]> byType = new TreeMap<>();
        disposed.forEach(item -> {
            int[] counts = byType.computeIfAbsent(titles.getOrDefault(item.documentType(), item.documentType()), key -> new int[2]);
            counts["anonymised".equals(item.outcome()) ? 1 : 0]++;
        });
        StringBuilder perType = new StringBuilder();
        byType.forEach((type, counts) -> perType.append(row(type, Integer.toString(counts[0]), Integer.toString(counts[1]),
                Integer.toString(counts[0] + counts[1]))));
        Map<String, List<SweepItem>> byRule = new LinkedHashMap<>();
        disposed.forEach(item -> byRule.computeIfAbsent(item.rule(), key -> new ArrayList<>()).add(item));
        StringBuilder rules = new StringBuilder("<ul>");
        byRule.forEach((rule, items) -> rules.append("<li>").append(Xhtml.escape(ruleText(rule, items, titles, danish, organisation)))
                .append("</li>"));
        rules.append("</ul>");
        long shredded = disposed.stream().filter(item -> !"anonymised".equals(item.outcome())).count();
        long anonymised = disposed.size() - shredded;

        StringBuilder lines = new StringBuilder();
        disposed.stream().limit(MAX_LINES).forEach(item -> lines.append(row(item.documentId(),
                titles.getOrDefault(item.documentType(), item.documentType()), outcomeWord(item.outcome(), danish),
                item.dueDate().format(DAY))));
        String more = disposed.size() > MAX_LINES
                ? "<p>" + (danish ? "Listen viser de første " + MAX_LINES + " af " + disposed.size() + " dokumenter; hele listen er i"
                + " kassationsloggen for kørslen." : "Listen viser de første " + MAX_LINES + " av " + disposed.size() + " dokumentene;"
                + " hele listen ligger i kassasjonsloggen for kjøringen.") + "</p>"
                : "";
        String starter = name(sweep.organisationId(), sweep.startedBy());
        String approval = sweep.approvedBy() == null
                ? (danish ? "Politikken kræver ikke godkendelse af listen for disse regler; kørslen blev startet af " + starter + "."
                : "Policyen krever ikke godkjenning av listen for disse reglene; kjøringen ble startet av " + starter + ".")
                : (danish ? "Kassationslisten blev godkendt af " + name(sweep.organisationId(), sweep.approvedBy()) + " den "
                + day(sweep.approvedAt(), zone).format(DAY) + "; kørslen blev startet af " + starter + "."
                : "Kassasjonslisten ble godkjent av " + name(sweep.organisationId(), sweep.approvedBy()) + " den "
                + day(sweep.approvedAt(), zone).format(DAY) + "; kjøringen ble startet av " + starter + ".");
        String signer = sweep.approvedBy() == null ? starter : name(sweep.organisationId(), sweep.approvedBy());
        String body = danish
                ? sender + " har den " + issued.format(DAY) + " kasseret " + documents(disposed.size()) + " efter organisationens"
                + " bevarings- og kassationsplan: " + shredded + " er makuleret og " + anonymised + " anonymiseret. Dokumenterna"
                + " havde nået deres frist efter reglerne nedenfor, og intet af det, der var omfattet af et tilbageholdelse, er"
                + " kasseret. Makulerede dokumenter kan ikke genskabes, heller ikke fra sikkerhedskopier."
                : sender + " har " + issued.format(DAY) + " kassert " + documents(disposed.size()) + " etter organisasjonens"
                + " bevarings- og kassasjonsplan: " + shredded + " er makulert og " + anonymised + " anonymisert. Dokumentene"
                + " hadde nådd fristen sin etter reglene nedenfor, og ingenting som var omfattet av et hold, er kassert."
                + " Makulerte dokumenter kan ikke gjenskapes, heller ikke fra sikkerhetskopier.";
        return "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"" + organisation.language() + "\"><head><meta charset=\"UTF-8\" />"
                + "<title>" + title + "</title><meta name=\"subject\" content=\"" + title + " – " + Xhtml.escape(organisation.name())
                + "\" /><meta name=\"author\" content=\"" + Xhtml.escape(organisation.name()) + "\" />"
                + "<style>@page { size: A4; margin: 20mm 22mm; }"
                + " body { font-family: 'Noto Sans'; font-size: 11pt; line-height: 1.4; }"
                + " .letterhead { border-bottom: 1pt solid #12355b; padding-bottom: 3mm; margin-bottom: 8mm; }"
                + " .sender { font-size: 14pt; font-weight: bold; color: #12355b; } .small { font-size: 9pt; color: #444; }"
                + " .date { text-align: right; margin-bottom: 6mm; } h1 { font-size: 16pt; margin: 0 0 4mm 0; }"
                + " h2 { font-size: 12pt; margin: 6mm 0 2mm 0; } .signature { margin-top: 12mm; }"
                + " table { border-collapse: collapse; width: 100%; margin-bottom: 4mm; }"
                + " th, td { border: 0.5pt solid #777; padding: 1.2mm; text-align: left; vertical-align: top; } th { background: #e8e8e8; }"
                + " td { word-wrap: break-word; } .appendix { page-break-before: always; font-size: 11pt; }</style></head><body>"
                + "<div class=\"letterhead\"><div class=\"sender\">" + Xhtml.escape(sender) + "</div>"
                + (profile.address().isBlank() ? "" : "<div>" + Xhtml.escape(profile.address()).replace("\n", "<br />") + "</div>")
                + (contact.isBlank() ? "" : "<div class=\"small\">" + Xhtml.escape(contact) + "</div>")
                + (profile.organisationNumber().isBlank() ? "" : "<div class=\"small\">"
                + (profile.organisationNumber().matches("^[0-9].*") ? (danish ? "CVR-nr. " : "Org.nr. ") : "")
                + Xhtml.escape(profile.organisationNumber()) + "</div>") + "</div>"
                + "<p class=\"date\">" + issued.format(DAY) + "</p>"
                + "<h1>" + title + "</h1>"
                + "<p><strong>" + (danish ? "Bekræftelse af kassation af dokumenter" : "Bekreftelse på kassasjon av dokumenter")
                + "</strong></p>"
                + "<p>" + Xhtml.escape(body) + "</p>"
                + "<h2>" + (danish ? "Reglerne, der blev fulgt" : "Reglene som ble fulgt") + "</h2>" + rules
                + "<h2>" + (danish ? "Antal pr. dokumenttype" : "Antall per dokumenttype") + "</h2><table><thead><tr>"
                + header(danish ? "Dokumenttype" : "Dokumenttype", danish ? "Makuleret" : "Makulert",
                danish ? "Anonymiseret" : "Anonymisert", danish ? "I alt" : "I alt")
                + "</tr></thead><tbody>" + perType + "</tbody></table>"
                + "<p>" + Xhtml.escape(approval) + "</p>"
                + "<div class=\"signature\"><p>" + (danish ? "Med venlig hilsen" : "Med vennlig hilsen") + "</p><p><strong>"
                + Xhtml.escape(signer) + "</strong><br />" + Xhtml.escape(sender) + "</p></div>"
                + (auditHead.isEmpty() ? "" : "<p class=\"small\">" + (danish ? "Revisionslog ved udstedelse: " : "Revisjonslogg ved"
                + " utstedelse: ") + Xhtml.escape(auditHead) + ". " + (danish ? "Bevarings- og kassationsplan: " : "Bevarings- og"
                + " kassasjonsplan: ") + Xhtml.escape(policyFile) + ".</p>")
                + "<div class=\"appendix\"><h2>" + (danish ? "Bilag: de kasserede dokumenter" : "Vedlegg: de kasserte dokumentene")
                + "</h2><p>" + (danish ? "Dokumentnumrene er de samme som i kassationsloggen. Listen indeholder ingen personoplysninger."
                : "Dokumentnumrene er de samme som i kassasjonsloggen. Listen inneholder ingen personopplysninger.") + "</p>"
                + "<table><thead><tr>" + header(danish ? "Dokumentnummer" : "Dokumentnummer", "Dokumenttype",
                danish ? "Udført" : "Utført", "Frist") + "</tr></thead><tbody>" + lines + "</tbody></table>" + more
                + "</div></body></html>";
    }

    /** Titles of the document types in the organisation's language: its templates', uploads' and certificates'. */
    private Map<String, String> documentTitles(String organisationId, boolean danish) {
        Map<String, String> titles = new java.util.HashMap<>();
        catalogue.all(organisationId).forEach(template -> titles.putIfAbsent(template.manifest().documentType(),
                template.manifest().title(danish ? "da" : "nb")));
        titles.put(no.mappe.archive.Uploads.DOCUMENT_TYPE, danish ? "Vedhæftet fil" : "Vedlagt fil");
        titles.put(DOCUMENT_TYPE, danish ? "Kassationsprotokol" : "Kassasjonsprotokoll");
        return titles;
    }

    /** A rule in words, e.g. "Framdriftsrapport, Plan (4 dokumenter): makulert straks etter at NAV mottok sluttrapporten". */
    private static String ruleText(String rule, List<SweepItem> items, Map<String, String> titles, boolean danish,
                                   Organisation organisation) {
        String types = String.join(", ", items.stream().map(item -> titles.getOrDefault(item.documentType(), item.documentType()))
                .distinct().sorted().toList());
        Matcher parts = RULE.matcher(rule);
        String how;
        if (parts.matches()) {
            String action = outcomeWord("anonymise".equals(parts.group(3)) ? "anonymised" : "shredded", danish);
            how = action + " " + period(Period.parse(parts.group(2)), danish) + " " + trigger(parts.group(1), danish, organisation);
        } else {
            how = danish ? "efter lederens vurdering" : "etter lederens vurdering";
        }
        return types + " (" + documents(items.size()) + "): " + how;
    }

    /** The disposal log's rule text ({@link RetentionRule#describe}): trigger + period -> action. */
    private static final Pattern RULE = Pattern.compile("([a-z-]+) \\+ (P[0-9A-Z]+) -> ([a-z]+)");

    /** "1 dokument", "9 dokumenter": the same in bokmål and Danish. */
    private static String documents(long count) {
        return count + (count == 1 ? " dokument" : " dokumenter");
    }

    private static String period(Period period, boolean danish) {
        if (period.isZero()) {
            return danish ? "straks" : "straks";
        }
        List<String> parts = new ArrayList<>();
        if (period.getYears() > 0) {
            parts.add(period.getYears() + " år");
        }
        if (period.getMonths() > 0) {
            parts.add(period.getMonths() + (danish ? (period.getMonths() == 1 ? " måned" : " måneder") : (period.getMonths() == 1
                    ? " måned" : " måneder")));
        }
        if (period.getDays() > 0) {
            parts.add(period.getDays() + (period.getDays() == 1 ? (danish ? " dag" : " dag") : (danish ? " dage" : " dager")));
        }
        return String.join(" og ", parts);
    }

    private static String trigger(String trigger, boolean danish, Organisation organisation) {
        boolean norway = "NO".equals(organisation.country());
        return switch (trigger) {
            case "final-report-received" -> danish
                    ? (norway ? "efter at NAV modtog slutrapporten" : "efter at jobcentret modtog slutrapporten")
                    : (norway ? "etter at NAV mottok sluttrapporten" : "etter at jobbsenteret mottok sluttrapporten");
            case "case-ended" -> danish ? "efter at sagen blev afsluttet" : "etter at saken ble avsluttet";
            case "employment-ended" -> danish ? "efter at ansættelsen sluttede" : "etter at ansettelsen ble avsluttet";
            case "complaint-closed" -> danish ? "efter at klagen blev afsluttet" : "etter at klagen ble avsluttet";
            case RetentionRule.DOCUMENT_DATE -> danish ? "efter dokumentets dato" : "etter dokumentets dato";
            case RetentionRule.REVIEW_DECISION -> danish ? "efter lederens vurdering" : "etter lederens vurdering";
            default -> danish ? "efter planens regel" : "etter planens regel";
        };
    }

    private static String outcomeWord(String outcome, boolean danish) {
        return "anonymised".equals(outcome) ? (danish ? "anonymiseret" : "anonymisert") : (danish ? "makuleret" : "makulert");
    }

    private static LocalDate day(String instant, ZoneId zone) {
        return Instant.parse(instant).atZone(zone).toLocalDate();
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
