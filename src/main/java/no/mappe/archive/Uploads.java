package no.mappe.archive;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.cases.CaseService;
import no.mappe.errors.BadRequest;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.NotAllowed;
import no.mappe.retention.Retention;
import no.mappe.search.Ocr;
import no.mappe.search.TextExtractor;
import no.mappe.security.AccessLevel;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.untrusted.PageImages;

/**
 * External files attached to a case (letters from NAV, scanned pages, e-mails, office documents,
 * images): stored byte for byte, encrypted like everything else, and made searchable by text that
 * an isolated Tika process extracts (and Tesseract reads from images, when installed). A file that
 * looks like a decompression bomb is refused; one that cannot be read (or whose extractor child was
 * killed) is stored without text. The text is extracted before anything is written, so when the
 * extraction queue is full (429) or every child-process slot stays busy (503), nothing is stored and
 * the client is told to try again.
 */
public final class Uploads {

    public static final String DOCUMENT_TYPE = "upload";
    public static final String STATUS_RECEIVED = "received";
    /** A photographed A4 letter at about 250 dpi: large enough for Tesseract, small enough to bound its memory. */
    private static final int OCR_MAX_SIDE = 3000;

    private final Archive archive;
    private final CaseService cases;
    private final Directory directory;
    private final Retention retention;
    private final TextExtractor extractor;
    private final PageImages pageImages;
    private final Ocr ocr;
    private final AuditLog audit;
    private final Clock clock;

    public Uploads(Archive archive, CaseService cases, Directory directory, Retention retention, TextExtractor extractor,
                   PageImages pageImages, Ocr ocr, AuditLog audit, Clock clock) {
        this.archive = archive;
        this.cases = cases;
        this.directory = directory;
        this.retention = retention;
        this.extractor = extractor;
        this.pageImages = pageImages;
        this.ocr = ocr;
        this.audit = audit;
        this.clock = clock;
    }

    /** The stored document and what became of its text: text, unreadable, timed-out or too-large. */
    public record Uploaded(@JsonUnwrapped Document document, String textExtraction) {
    }

    public Uploaded upload(Caller caller, String caseId, byte[] bytes, String contentType, String documentType, Integer accessLevel) {
        return store(caller, caseId, new Incoming(bytes, contentType, documentType, accessLevel, null), "document-uploaded",
                (connection, documentId) -> { });
    }

    /**
     * A file to store: its bytes, Content-Type, document type (default {@value #DOCUMENT_TYPE}), access level (default 3)
     * and business date (default today).
     */
    public record Incoming(byte[] bytes, String contentType, String documentType, Integer accessLevel, LocalDate businessDate) {
    }

    /**
     * Stores one file as an upload does: the same checks, refusals, extraction, OCR, encryption, audit entry (under
     * {@code auditAction}) and index outbox, all in one transaction with {@code also} (a bulk import records the file's
     * content key there, so a file is either stored and known as imported, or neither).
     */
    /** Work done in the transaction that stores the file, told the new document's id. */
    @FunctionalInterface
    public interface AlsoStored {
        void run(java.sql.Connection connection, String documentId) throws java.sql.SQLException;
    }

    public Uploaded store(Caller caller, String caseId, Incoming incoming, String auditAction, AlsoStored also) {
        if (!caller.role().worksCases()) {
            throw new NotAllowed("Office staff and ordinary employees cannot attach documents to cases");
        }
        cases.visible(caller, caseId);
        byte[] bytes = incoming.bytes();
        if (bytes.length == 0) {
            throw new BadRequest("Send the file as the request body, with its Content-Type");
        }
        String contentType = incoming.contentType();
        String mediaType = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        if (!mediaType.matches("[a-z0-9.+-]+/[a-z0-9.+-]+")) {
            throw new BadRequest("Send the file's Content-Type, e.g. application/pdf or message/rfc822");
        }
        String documentType = incoming.documentType();
        String type = documentType == null || documentType.isBlank() ? DOCUMENT_TYPE : documentType.strip();
        if (retention.policyOf(caller.organisationId()).ruleFor(type).isEmpty()) {
            throw InvalidFields.of("type", "must be a document type your retention policy has a rule for, e.g. " + DOCUMENT_TYPE);
        }
        int level = incoming.accessLevel() == null ? AccessLevel.PROGRAMME_DEPARTMENT : incoming.accessLevel();
        if (!AccessLevel.isValid(level) || level > caller.role().highestLevel()) {
            throw InvalidFields.of("accessLevel", "must be between 1 and your own level " + caller.role().highestLevel());
        }
        TextExtractor.Result extracted = extractor.extract(bytes);
        if (extracted.outcome() == TextExtractor.Outcome.REFUSED) {
            throw InvalidFields.of("file", "looks like a decompression bomb (it unpacks to far more than its size, or holds archives"
                    + " nested too deeply) and was not stored; send the files inside it one by one");
        }
        String text = extracted.text();
        if (mediaType.startsWith("image/") && ocr.available()) {
            text = (text + "\n" + ocr.text(pagesToRead(bytes))).strip();
        }
        Organisation organisation = directory.organisation(caller.organisationId()).orElseThrow();
        String now = Instant.now(clock).toString();
        LocalDate businessDate = incoming.businessDate() == null ? LocalDate.now(clock) : incoming.businessDate();
        Document draft = new Document(UUID.randomUUID().toString(), caller.organisationId(), caseId, type, DOCUMENT_TYPE, 0,
                organisation.language(), level, STATUS_RECEIVED, businessDate, caller.userId(), now, List.of());
        VersionContent content = VersionContent.of(bytes, mediaType).withExtractedText(text);
        Document stored = archive.create(draft, content, "uploaded (" + mediaType + ")", connection -> {
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), auditAction)
                    .on("document", draft.id()).withDetail(type + ", text " + extracted.outcome().name().toLowerCase(Locale.ROOT)));
            also.run(connection, draft.id());
        });
        return new Uploaded(stored, extracted.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** Tesseract reads page images the rasteriser made, never the uploaded file; an image it refuses gets no OCR text. */
    private List<byte[]> pagesToRead(byte[] image) {
        try {
            return pageImages.render(image, PageImages.Kind.IMAGE, OCR_MAX_SIDE);
        } catch (InvalidFields unreadable) {
            return List.of();
        }
    }
}
