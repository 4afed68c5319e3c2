package no.mappe.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.mappe.archive.Archive;
import no.mappe.archive.Document;
import no.mappe.archive.DocumentService;
import no.mappe.cases.Case;
import no.mappe.cases.CaseService;
import no.mappe.errors.StorageFailure;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Rebuilds the index from the source of truth: every document's text is taken again from what it
 * was generated from (or, for documents without that, from its latest PDF) and indexed again.
 * Each document is replaced in place, never deleted first, so searches keep finding everything
 * while the rebuild runs; entries whose document no longer exists are removed at the end.
 */
public final class Reindexer {

    private static final int BATCH = 200;

    /** Told how far the rebuild has come. */
    public interface Progress {
        void update(int indexed, int total);
    }

    private final SearchIndex index;
    private final Archive archive;
    private final CaseService cases;
    private final Directory directory;
    private final DocumentService documents;

    public Reindexer(SearchIndex index, Archive archive, CaseService cases, Directory directory, DocumentService documents) {
        this.index = index;
        this.archive = archive;
        this.cases = cases;
        this.directory = directory;
        this.documents = documents;
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
            java.util.Set<String> stale = new java.util.HashSet<>(index.idsOf(organisation.id()));
            Map<String, String> counsellorNames = new HashMap<>();
            directory.users(organisation.id()).forEach(user -> counsellorNames.put(user.id(), user.displayName()));
            Map<String, Optional<Case>> caseById = new HashMap<>();
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
                    String text = documents.generatedText(document)
                            .orElseGet(() -> text(archive.content(organisation.id(), document.id(), document.latest().version())));
                    batch.add(DocumentService.indexed(document, owner.get(),
                            counsellorNames.getOrDefault(owner.get().counsellorId(), ""), text));
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

    private static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new StorageFailure("A stored PDF could not be read while reindexing", e);
        }
    }
}
