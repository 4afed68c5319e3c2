package no.mappe.templates;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a template is and needs, as declared in its {@code manifest.yaml}.
 *
 * @param documentType   the kind of document produced; retention rules are written per type
 * @param title          per language
 * @param languages      the languages this template has an XHTML file for
 * @param accessLevel    default access level (1-4) of documents made from it
 * @param retentionClass the retention class the shipped policies put this document type in (a hint
 *                       for policy authors; the organisation's policy decides)
 * @param signers        who must sign, in order (used from the signing issue on)
 * @param signerLabels   optional names for a signer's role in this document, per language, e.g.
 *                       the participant is the "Arbeidstaker" in an employment agreement
 * @param signInOrder    whether the signers must sign in the order listed (otherwise in any order)
 * @param participantAddendum whether the participant may add comments of their own before signing,
 *                       which become part of the sealed document (the final report)
 * @param businessDate   the date field that says what day the document is about (a report's period end, a meeting's
 *                       date, a complaint's received date); null when it is about the day it is made
 * @param retiredFields  names of fields an earlier version had: a value sent for one (by a client or a
 *                       form made before) is dropped rather than refused, so nothing made before breaks
 */
public record TemplateManifest(String id, int version, String documentType, Map<String, String> title,
                               List<String> languages, int accessLevel, String retentionClass, List<String> signers,
                               Map<String, Map<String, String>> signerLabels, boolean signInOrder, boolean participantAddendum,
                               List<FieldSpec> fields, String businessDate, List<String> retiredFields) {

    public TemplateManifest {
        retiredFields = List.copyOf(retiredFields);
    }

    /** A manifest whose documents are about the day they are made, and that has retired no field. */
    public TemplateManifest(String id, int version, String documentType, Map<String, String> title, List<String> languages,
                            int accessLevel, String retentionClass, List<String> signers, Map<String, Map<String, String>> signerLabels,
                            boolean signInOrder, boolean participantAddendum, List<FieldSpec> fields) {
        this(id, version, documentType, title, languages, accessLevel, retentionClass, signers, signerLabels, signInOrder,
                participantAddendum, fields, null, List.of());
    }

    /**
     * The day a document with these (validated) fields is about: its business date field's value, or the day it is
     * made when the template has none or the field was left empty. Pages, search, deadlines and retention use it.
     */
    public LocalDate businessDate(Map<String, Object> fields, LocalDate madeOn) {
        return businessDate != null && fields.get(businessDate) instanceof LocalDate date ? date : madeOn;
    }

    /** What a signer is called in this document: the manifest's own label, or the role's usual name. */
    public String signerLabel(String role, String language) {
        boolean danish = "da".equals(language);
        return signerLabels.getOrDefault(role, Map.of()).getOrDefault(language, switch (role) {
            case "participant" -> danish ? "Borger" : "Deltaker";
            case "counsellor" -> danish ? "Vejleder" : "Veileder";
            default -> danish ? "Leder" : "Daglig leder";
        });
    }

    public String title(String language) {
        return title.getOrDefault(language, title.values().iterator().next());
    }
}
