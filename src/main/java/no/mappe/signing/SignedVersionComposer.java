package no.mappe.signing;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import no.mappe.errors.UnableToRenderDocument;
import no.mappe.templates.XhtmlText;
import no.mappe.templates.Xhtml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Builds the XHTML of a signed version: the document exactly as generated, with each drawn
 * signature placed in its signer's slot (name, role, time) and the participant's own comments in the
 * document's comments section, followed by an evidence page that lets
 * the signed file stand on its own. Scanned signed copies get their pages as images instead.
 */
final class SignedVersionComposer {

    static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final DateTimeFormatter TIME = no.mappe.text.DisplayDates.MINUTE;

    /** What the evidence page says about the document and its seal. */
    record Evidence(String documentId, String title, String templateId, int templateVersion, int originalVersion,
                    String originalSha256, String organisationName, String place, String sealSubject, String sealSerial,
                    String language, ZoneId zone) {

        /** A time as the organisation's clock shows it (TimeZones), the clock its pages use. */
        String time(String instant) {
            return TIME.format(Instant.parse(instant).atZone(zone));
        }
    }

    /** The participant's own comments, added before they signed. */
    record Addendum(String text, String recordedAt, String recordedByName) {
    }

    String withSignatures(String generatedXhtml, List<Signature> signatures, Map<String, String> imageByRole, Map<String, String> labels,
                          Addendum addendum, Evidence evidence) {
        Document document = XhtmlText.parse(generatedXhtml, evidence.templateId());
        NodeList divs = document.getElementsByTagNameNS("*", "div");
        for (int i = 0; i < divs.getLength(); i++) {
            Element slot = (Element) divs.item(i);
            String role = slot.getAttribute("data-signer");
            Signature signature = signatures.stream().filter(s -> s.signerRole().equals(role)).findFirst().orElse(null);
            if (role.isEmpty() || signature == null || !imageByRole.containsKey(role)) {
                continue;
            }
            Element image = document.createElementNS(XHTML, "img");
            image.setAttribute("src", "data:image/png;base64," + imageByRole.get(role));
            image.setAttribute("alt", text(evidence, "Signatur", "Underskrift") + ": " + signature.signerName());
            image.setAttribute("class", "signature-image");
            image.setAttribute("style", "height: 13mm; max-width: 60mm;");
            slot.appendChild(image);
            Element when = document.createElementNS(XHTML, "div");
            when.setAttribute("style", "font-size: 10.5pt; color: #333;"); // the signature table's floor (ReadableLayoutTest)
            when.setTextContent(text(evidence, "Signert ", "Underskrevet ") + evidence.time(signature.signedAt()));
            slot.appendChild(when);
        }
        placeComments(document, addendum, evidence);
        appendEvidence(document, signatures, labels, evidence);
        return serialise(document);
    }

    /**
     * The participant's comments are an integral part of the document (the complaints procedure says
     * so of the final report), so they go into the template's comments section (an element with the id
     * {@code participant-comments}), before the signatures. With no comments, the section's "none yet"
     * sentence (class {@code comments-pending}) becomes "offered, and declined": the participant signed
     * without adding any. A template version without that section gets them just before its signatures.
     */
    private static void placeComments(Document document, Addendum addendum, Evidence evidence) {
        Element section = byId(document, "participant-comments");
        Element pending = section == null ? null : firstWithClass(section, "comments-pending");
        if (addendum == null) {
            if (pending != null) {
                pending.setTextContent(text(evidence,
                        "Deltakeren fikk tilbud om å kommentere og valgte å ikke gi kommentarer.",
                        "Borgeren fik tilbud om at kommentere og valgte ikke at give kommentarer."));
                pending.removeAttribute("class");
            }
            return;
        }
        Element comments = element(document, "div", null);
        comments.setAttribute("id", "participant-addendum");
        if (section == null) {
            comments.appendChild(element(document, "h2", text(evidence, "Deltakerens kommentarer", "Borgerens kommentarer")));
        }
        comments.appendChild(element(document, "p", pending == null && section != null
                ? text(evidence, "Deltakeren la til disse kommentarene før signeringen:",
                        "Borgeren tilføjede disse kommentarer før underskriften:")
                : text(evidence, "Deltakeren har disse kommentarene, som er en del av dokumentet:",
                        "Borgeren har disse kommentarer, som er en del af dokumentet:")));
        Element words = element(document, "p", addendum.text());
        words.setAttribute("style", "white-space: pre-wrap;");
        comments.appendChild(words);
        Element note = element(document, "p", text(evidence,
                "Kommentarene er deltakerens egne, registrert " + evidence.time(addendum.recordedAt()) + " av "
                        + addendum.recordedByName() + ". De er en del av dokumentet og er signert av deltakeren sammen med det.",
                "Kommentarerne er borgerens egne, registreret " + evidence.time(addendum.recordedAt()) + " af "
                        + addendum.recordedByName() + ". De er en del af dokumentet og er underskrevet af borgeren sammen med det."));
        note.setAttribute("style", "color: #444;"); // body size: the participant reads it
        comments.appendChild(note);
        if (pending != null) {
            section.replaceChild(comments, pending);
        } else if (section != null) {
            section.appendChild(comments);
        } else {
            Element signatures = firstWithClass(document.getDocumentElement(), "signatures");
            Element body = (Element) document.getElementsByTagNameNS("*", "body").item(0);
            if (signatures != null) {
                signatures.getParentNode().insertBefore(comments, signatures);
            } else {
                body.appendChild(comments);
            }
        }
    }

    private static Element byId(Document document, String id) {
        return firstMatching(document.getDocumentElement(), element -> id.equals(element.getAttribute("id")));
    }

    private static Element firstWithClass(Element root, String className) {
        return firstMatching(root, element -> List.of(element.getAttribute("class").split("\\s+")).contains(className));
    }

    /** Depth first, in document order. */
    private static Element firstMatching(Element root, java.util.function.Predicate<Element> test) {
        if (test.test(root)) {
            return root;
        }
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                Element found = firstMatching(child, test);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** A signed paper copy: each scanned page as an image, then the evidence page. */
    String scannedCopy(List<String> pagePngs, List<Signature> signatures, Map<String, String> labels, Evidence evidence) {
        StringBuilder pages = new StringBuilder();
        for (int i = 0; i < pagePngs.size(); i++) {
            String alt = text(evidence, "Skannet signert kopi, side ", "Scannet underskrevet kopi, side ") + (i + 1);
            pages.append("<div style=\"page-break-after: always; text-align: center;\"><img src=\"data:image/png;base64,")
                    .append(pagePngs.get(i)).append("\" alt=\"").append(escape(alt))
                    .append("\" style=\"max-width: 170mm; max-height: 250mm;\" /></div>");
        }
        String xhtml = "<html xmlns=\"" + XHTML + "\" lang=\"" + evidence.language() + "\" xml:lang=\"" + evidence.language() + "\"><head>"
                + "<meta charset=\"UTF-8\" /><title>" + escape(evidence.title()) + "</title>"
                + "<style>@page { size: A4; margin: 15mm; } body { font-family: 'Noto Sans'; font-size: 11pt; }"
                + " table { border-collapse: collapse; width: 100%; } th, td { text-align: left; border: 0.5pt solid #777;"
                + " padding: 1.5mm; vertical-align: top; }</style></head><body><h1 style=\"font-size: 14pt;\">" + escape(evidence.title())
                + "</h1>" + pages + "</body></html>";
        Document document = XhtmlText.parse(xhtml, evidence.templateId());
        appendEvidence(document, signatures, labels, evidence);
        return serialise(document);
    }

    private static void appendEvidence(Document document, List<Signature> signatures, Map<String, String> labels, Evidence evidence) {
        Element body = (Element) document.getElementsByTagNameNS("*", "body").item(0);
        Element section = element(document, "div", null);
        section.setAttribute("style", "page-break-before: always; font-size: 11pt;"); // UX.md's floor for a document
        section.setAttribute("id", "signature-evidence");
        section.appendChild(element(document, "h2", text(evidence, "Signaturbevis", "Underskriftsbevis")));
        section.appendChild(element(document, "p", text(evidence,
                "Dette dokumentet er signert som vist under og deretter forseglet av " + evidence.organisationName()
                        + ". Forseglingen gjør at enhver endring i filen etter signeringen kan oppdages.",
                "Dette dokument er underskrevet som vist nedenfor og derefter forseglet af " + evidence.organisationName()
                        + ". Forseglingen gør, at enhver ændring i filen efter underskriften kan opdages.")));
        Element table = element(document, "table", null);
        table.setAttribute("class", "grid");
        Element head = element(document, "tr", null);
        for (String heading : List.of(text(evidence, "Rolle", "Rolle"), text(evidence, "Navn", "Navn"), text(evidence, "Måte", "Måde"),
                text(evidence, "Tidspunkt", "Tidspunkt"), text(evidence, "Registrert av", "Registreret af"))) {
            Element th = element(document, "th", heading);
            th.setAttribute("scope", "col");
            head.appendChild(th);
        }
        table.appendChild(head);
        for (Signature signature : signatures) {
            Element row = element(document, "tr", null);
            row.appendChild(element(document, "td", labels.getOrDefault(signature.signerRole(), signature.signerRole())));
            row.appendChild(element(document, "td", signature.signerName()));
            row.appendChild(element(document, "td", "paper".equals(signature.method())
                    ? text(evidence, "Signert på papir, skannet kopi lastet opp", "Underskrevet på papir, scannet kopi uploadet")
                    : text(evidence, "Signert personlig på skjerm", "Underskrevet personligt på skærm")));
            row.appendChild(element(document, "td", evidence.time(signature.signedAt())));
            row.appendChild(element(document, "td", signature.recordedByName()));
            table.appendChild(row);
        }
        section.appendChild(table);
        Element facts = element(document, "table", null);
        facts.setAttribute("class", "facts");
        facts.setAttribute("style", "margin-top: 4mm;");
        addFact(document, facts, text(evidence, "Dokument-ID", "Dokument-ID"), evidence.documentId());
        addFact(document, facts, text(evidence, "Signert hos", "Underskrevet hos"), evidence.place());
        addFact(document, facts, text(evidence, "Mal", "Skabelon"), evidence.templateId() + " v" + evidence.templateVersion());
        addFact(document, facts, text(evidence, "Original", "Original"),
                text(evidence, "versjon ", "version ") + evidence.originalVersion() + ", SHA-256 " + evidence.originalSha256());
        addFact(document, facts, text(evidence, "Forseglet med", "Forseglet med"),
                evidence.sealSubject() + " (" + text(evidence, "serienummer ", "serienummer ") + evidence.sealSerial() + ")");
        section.appendChild(facts);
        body.appendChild(section);
    }

    private static void addFact(Document document, Element table, String name, String value) {
        Element row = element(document, "tr", null);
        Element th = element(document, "th", name);
        th.setAttribute("scope", "row");
        row.appendChild(th);
        row.appendChild(element(document, "td", value));
        table.appendChild(row);
    }

    private static Element element(Document document, String name, String text) {
        Element element = document.createElementNS(XHTML, name);
        if (text != null) {
            element.setTextContent(text);
        }
        return element;
    }

    private static String text(Evidence evidence, String norwegian, String danish) {
        return "da".equals(evidence.language()) ? danish : norwegian;
    }

    static String escape(String text) {
        return Xhtml.escape(text);
    }

    private static String serialise(Document document) {
        try {
            Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.METHOD, "xml");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new UnableToRenderDocument("signed version", e);
        }
    }
}
