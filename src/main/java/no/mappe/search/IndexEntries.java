package no.mappe.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.mappe.archive.Archive;
import no.mappe.archive.Document;
import no.mappe.archive.DocumentService;
import no.mappe.archive.DocumentVersion;
import no.mappe.cases.Case;
import no.mappe.cases.CaseService;
import no.mappe.errors.MappeException;
import no.mappe.errors.StoreUnreachable;
import no.mappe.retention.Holds;
import no.mappe.retention.Retention;
import no.mappe.retention.RetentionStatus;
import no.mappe.retention.ReviewDecision;
import no.mappe.security.Directory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds index entries from the source of truth, as the database has them at this moment: the
 * document, its case, the counsellor's name, its retention standing and the words it is found by
 * (the text it was generated from and what Tika or OCR read from its versions; for documents stored
 * before that text was kept, the latest PDF's text). Shared by the outbox and the full rebuild, so
 * both index a document the same way.
 */
final class IndexEntries {

    /** Above this many documents of one organisation, holds and review decisions are read in bulk. */
    private static final int BULK = 50;
    private static final Logger LOG = LoggerFactory.getLogger(IndexEntries.class);

    private final Archive archive;
    private final CaseService cases;
    private final Directory directory;
    private final DocumentService documents;
    private final Retention retention;

    IndexEntries(Archive archive, CaseService cases, Directory directory, DocumentService documents, Retention retention) {
        this.archive = archive;
        this.cases = cases;
        this.directory = directory;
        this.documents = documents;
        this.retention = retention;
    }

    /** The entries of documents that exist, and the ids of those that do not (any more): they leave the index. */
    record Built(List<IndexedDocument> entries, List<String> gone) {
    }

    /** The ids of the documents of a case, for a change that touches the whole case. */
    List<String> idsOfCase(String organisationId, String caseId) {
        return archive.idsOfCase(organisationId, caseId);
    }

    Built build(String organisationId, Collection<String> documentIds) {
        List<IndexedDocument> entries = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        Map<String, Long> stamps = archive.indexStamps(organisationId, documentIds);
        Map<String, String> counsellorNames = new HashMap<>();
        directory.users(organisationId).forEach(user -> counsellorNames.put(user.id(), user.displayName()));
        Map<String, Optional<Case>> caseById = new HashMap<>();
        boolean bulk = documentIds.size() > BULK;
        Holds.Active held = bulk ? retention.holds().active(organisationId) : null;
        Map<String, ReviewDecision> reviews = bulk ? retention.reviews().ofOrganisation(organisationId) : null;
        for (String documentId : documentIds) {
            try {
                Optional<Document> found = stamps.containsKey(documentId) ? archive.find(organisationId, documentId) : Optional.empty();
                Optional<Case> owner = found.flatMap(document -> caseById.computeIfAbsent(document.caseId(),
                        id -> cases.find(organisationId, id)));
                if (found.isEmpty() || owner.isEmpty()) {
                    gone.add(documentId);
                    continue;
                }
                Document document = found.get();
                RetentionStatus standing = bulk
                        ? retention.status(document, owner.get(), held.covers(owner.get().id(), documentId),
                                Optional.ofNullable(reviews.get(documentId)))
                        : retention.status(document, owner.get());
                entries.add(DocumentService.indexed(document, owner.get(), counsellorNames.getOrDefault(owner.get().counsellorId(), ""),
                        text(document), standing, stamps.get(documentId)));
            } catch (StoreUnreachable e) {
                throw e; // the blob store is down for now: the indexer tries the whole batch again, rather than index too little
            } catch (MappeException e) {
                // One unreadable document (a damaged field) must not hold up every later change; search re-checks hits anyway,
                // and the start-up check tries it again (its stamp differs).
                LOG.warn("Document {} could not be indexed now ({}); its entry stays as it was", documentId, e.getClass().getSimpleName());
            }
        }
        return new Built(entries, gone);
    }

    /**
     * The words a document is found by. A stored text that cannot be read (a damaged blob, which
     * {@code mappe verify} reports) must not hold up every later change in the outbox: the document
     * is then indexed by its metadata alone.
     */
    private String text(Document document) {
        try {
            return documents.storedText(document).orElseGet(() -> pdfText(document));
        } catch (StoreUnreachable e) {
            throw e;
        } catch (MappeException e) {
            LOG.warn("Document {} is indexed without its text, which could not be read ({}); run 'mappe verify'", document.id(),
                    e.getClass().getSimpleName());
            return "";
        }
    }

    /**
     * Documents stored before their extracted text was kept: the latest version's text when it is
     * a PDF; other files are indexed by their metadata until they are uploaded again.
     */
    private String pdfText(Document document) {
        DocumentVersion latest = document.latest();
        if (!DocumentService.PDF.equals(latest.mediaType())) {
            return "";
        }
        try (PDDocument pdf = Loader.loadPDF(archive.content(document.organisationId(), document.id(), latest.version()))) {
            return new PDFTextStripper().getText(pdf);
        } catch (IOException e) {
            LOG.warn("Document {} has a PDF without readable text; it is indexed by its metadata", document.id());
            return "";
        }
    }
}
