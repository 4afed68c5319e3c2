package no.mappe.archive;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;

/**
 * A record in the archive: what it is, whose case it belongs to, who may see it, and its versions
 * (oldest first). Holds no content and no personal data; the content is in encrypted blobs.
 *
 * @param documentDate the business date: the day the document is about (a report's period end, a meeting's date, a
 *                     complaint's received date, as its template's manifest names it), else the day it was made;
 *                     pages, search, deadlines and retention go by it
 * @param createdAt    when it was made (an instant), which the document itself prints as its "Utarbeidet" date
 */
public record Document(String id, String organisationId, String caseId, String documentType, String templateId,
                       int templateVersion, String language, int accessLevel, String status, LocalDate documentDate,
                       String createdBy, String createdAt, List<DocumentVersion> versions) {

    public static final String STATUS_DRAFT = "draft";
    public static final String STATUS_AWAITING_SIGNATURES = "awaiting-signatures";
    public static final String STATUS_SIGNED = "signed";
    /** A record Mappe issued itself (a disposal certificate): final from the start. */
    public static final String STATUS_ISSUED = "issued";

    /** The business date under the name the API gives it ({@code documentDate} stays for older clients). */
    @JsonProperty("businessDate")
    public LocalDate businessDate() {
        return documentDate;
    }

    public DocumentVersion latest() {
        return versions.get(versions.size() - 1);
    }
}
