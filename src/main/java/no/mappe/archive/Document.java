package no.mappe.archive;

import java.time.LocalDate;
import java.util.List;

/**
 * A record in the archive: what it is, whose case it belongs to, who may see it, and its versions
 * (oldest first). Holds no content and no personal data; the content is in encrypted blobs.
 */
public record Document(String id, String organisationId, String caseId, String documentType, String templateId,
                       int templateVersion, String language, int accessLevel, String status, LocalDate documentDate,
                       String createdBy, String createdAt, List<DocumentVersion> versions) {

    public static final String STATUS_DRAFT = "draft";
    public static final String STATUS_AWAITING_SIGNATURES = "awaiting-signatures";
    public static final String STATUS_SIGNED = "signed";
    /** A record Mappe issued itself (a disposal certificate): final from the start. */
    public static final String STATUS_ISSUED = "issued";

    public DocumentVersion latest() {
        return versions.get(versions.size() - 1);
    }
}
