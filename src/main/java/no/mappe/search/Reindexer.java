package no.mappe.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.mappe.archive.Archive;
import no.mappe.archive.Document;
import no.mappe.archive.DocumentService;
import no.mappe.archive.DocumentVersion;
import no.mappe.cases.Case;
import no.mappe.cases.CaseService;
import no.mappe.retention.Holds;
import no.mappe.retention.Retention;
import no.mappe.retention.RetentionStatus;
import no.mappe.retention.ReviewDecision;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the index from the source of truth: every document's text is taken again from what it
 * was generated from and what was read from its uploads and scans (or, for documents stored before
 * that text was kept, from its latest PDF) and indexed again.
 * Each document is replaced in place, never deleted first, so searches keep finding everything
 * while the rebuild runs; entries whose document no longer exists are removed at the end.
 */
public final class Reindexer {

    private static final int BATCH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(Reindexer.class);

    /** Told how far the rebuild has come. */
    public interface Progress {
        void update(int indexed, int total);
    }

    private final SearchIndex index;
    private final Archive archive;
    private final CaseService cases;
    private final Directory directory;
    private final DocumentService documents;
    private final Retention retention;

    public Reindexer(SearchIndex index, Archive archive, CaseService cases, Directory directory, DocumentService documents,
                     Retention retention) {
        this.index = index;
        this.archive = archive;
        this.cases = cases;
        this.directory = directory;
        this.documents = documents;
        this.retention = retention;
    }

    public int rebuild(Progress progress) {
        List<Organisation> organisations = directory.organisations();
        Map<String, List<Document>> byOrganisation = new HashMap<>();
        int total = 0;
        for (Organisation organisation : organisations) {
            List<Document> listed = archive.listAll(organisation.id());
            byOrganisation.put(organisation.id(), listed);
            total += listed.size();
        }
        int indexed = 0;
        progress.update(0, total);
        for (Organisation organisation : organisations) {
            Set<String> stale = new HashSet<>(index.idsOf(organisation.id()));
            Map<String, String> counsellorNames = new HashMap<>();
            directory.users(organisation.id()).forEach(user -> counsellorNames.put(user.id(), user.displayName()));
            Map<String, Optional<Case>> caseById = new HashMap<>();
            // Holds and review decisions once per organisation, not twice per document.
            Holds.Active held = retention.holds().active(organisation.id());
            Map<String, ReviewDecision> reviews = retention.reviews().ofOrganisation(organisation.id());
            List<IndexedDocument> batch = new ArrayList<>();
            for (Document listed : byOrganisation.get(organisation.id())) {
                Optional<Document> found = archive.find(organisation.id(), listed.id());
                if (found.isEmpty()) {
                    indexed++;
                    continue; // shredded since the listing
                }
                Document document = found.get();
                stale.remove(document.id());
                Optional<Case> owner = caseById.computeIfAbsent(document.caseId(), id -> cases.find(organisation.id(), id));
                if (owner.isPresent()) {
                    String text = documents.storedText(document).orElseGet(() -> pdfText(document));
                    RetentionStatus standing = retention.status(document, owner.get(), held.covers(owner.get().id(), document.id()),
                            Optional.ofNullable(reviews.get(document.id())));
                    batch.add(DocumentService.indexed(document, owner.get(), counsellorNames.getOrDefault(owner.get().counsellorId(), ""),
                            text, standing));
                }
                indexed++;
                if (batch.size() == BATCH) {
                    index.indexAll(batch);
                    batch.clear();
                    progress.update(indexed, total);
                }
            }
            index.indexAll(batch);
            index.removeAll(stale);
            progress.update(indexed, total);
        }
        return indexed;
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
