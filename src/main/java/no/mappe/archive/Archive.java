package no.mappe.archive;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.NotFound;
import no.mappe.errors.StorageFailure;
import no.mappe.search.IndexOutbox;
import no.mappe.errors.StoredFileDamaged;

/**
 * Documents and their versions: metadata in the database, content in the {@link BlobStore}.
 * Every method takes the organisation id and never crosses it. Every change to a document notes it
 * in the {@link IndexOutbox} in the same transaction, so search follows without being told.
 */
public final class Archive {

    private static final String DOCUMENT_COLUMNS = "id, organisation_id, case_id, document_type, template_id, template_version,"
            + " language, access_level, status, document_date, created_by, created_at";

    /** Blob writers during an import: each spends most of its time waiting for fsync. */
    private static final int IMPORT_WRITERS = 8;

    private final Database database;
    private final BlobStore blobs;

    public Archive(Database database, BlobStore blobs) {
        this.database = database;
        this.blobs = blobs;
    }

    /** Work done in the same transaction as an archive change, e.g. appending its audit entry. */
    @FunctionalInterface
    public interface AlsoInTransaction {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Stores a new document with its first version. The blobs are written first; if the database
     * transaction then fails they are removed again, and a crash between the two leaves only
     * orphans whose keys were never stored, so they can never be read.
     */
    public Document create(Document document, VersionContent content, String reason, AlsoInTransaction also) {
        StoredVersion stored = put(content);
        try {
            database.update(connection -> {
                insertDocument(connection, document);
                insertVersion(connection, document.id(), 1, stored, content.mediaType(), reason, document.createdBy(),
                        document.createdAt());
                also.run(connection);
                IndexOutbox.documentChanged(connection, document.organisationId(), document.id());
            });
        } catch (RuntimeException e) {
            delete(stored);
            throw e;
        }
        return find(document.organisationId(), document.id()).orElseThrow();
    }

    /** One document to import with {@link #importAll}: its record and its first version. */
    public record Import(Document document, VersionContent content, String reason) {
    }

    /**
     * Imports many documents at once (migrations from another system, benchmarks): every blob is
     * written and synced as usual, by several writers at once since each waits mostly for its
     * fsync; the rows of the whole batch go in one transaction.
     */
    public void importAll(List<Import> imports) {
        List<StoredVersion> written = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(IMPORT_WRITERS)) {
            List<java.util.concurrent.Future<StoredVersion>> futures = new java.util.ArrayList<>();
            for (Import item : imports) {
                futures.add(writers.submit(() -> {
                    StoredVersion stored = put(item.content());
                    written.add(stored);
                    return stored;
                }));
            }
            List<StoredVersion> inOrder = new java.util.ArrayList<>(imports.size());
            for (java.util.concurrent.Future<StoredVersion> future : futures) {
                inOrder.add(await(future));
            }
            database.update(connection -> {
                for (int i = 0; i < imports.size(); i++) {
                    Import item = imports.get(i);
                    insertDocument(connection, item.document());
                    insertVersion(connection, item.document().id(), 1, inOrder.get(i), item.content().mediaType(), item.reason(),
                            item.document().createdBy(), item.document().createdAt());
                    IndexOutbox.documentChanged(connection, item.document().organisationId(), item.document().id());
                }
            });
        } catch (RuntimeException e) {
            written.forEach(this::delete);
            throw e;
        }
    }

    private static <T> T await(java.util.concurrent.Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageFailure("Interrupted while writing blobs", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new StorageFailure("Writing a blob failed", e.getCause());
        }
    }

    /**
     * Begins the removal of the blob files a crash or a kill left that were last modified before
     * {@code writtenBefore}; see {@link BlobStore#leftoverWalk}. Safe while the service writes.
     */
    public LeftoverRemoval leftoverRemoval(java.time.Instant writtenBefore) {
        BlobStore.LeftoverWalk walk = blobs.leftoverWalk(writtenBefore);
        return () -> walk.remove(() -> new java.util.HashSet<>(referencedBlobIds(database)));
    }

    /** Every blob a version refers to: its content, source and text. */
    public static List<String> referencedBlobIds(Database database) {
        return database.read(connection -> Sql.list(connection, "SELECT blob_id FROM document_versions UNION SELECT source_blob_id"
                + " FROM document_versions WHERE source_blob_id IS NOT NULL UNION SELECT text_blob_id FROM document_versions"
                + " WHERE text_blob_id IS NOT NULL", row -> row.getString(1)));
    }

    /** The walk that removes leftovers, begun by {@link #leftoverRemoval}; run it once. */
    @FunctionalInterface
    public interface LeftoverRemoval {
        BlobStore.Leftovers run();
    }

    /** Number of documents in all organisations, to check the index against. */
    public int count() {
        return database.read(connection -> Sql.one(connection, "SELECT COUNT(*) FROM documents", row -> row.getInt(1)).orElse(0));
    }

    public Optional<Document> find(String organisationId, String documentId) {
        return database.read(connection -> {
            Optional<Document> bare = Sql.one(connection,
                    "SELECT " + DOCUMENT_COLUMNS + " FROM documents WHERE id = ? AND organisation_id = ?",
                    Archive::document, documentId, organisationId);
            if (bare.isEmpty()) {
                return bare;
            }
            return Optional.of(withVersions(bare.get(), versions(connection, documentId)));
        });
    }

    public List<Document> listByCase(String organisationId, String caseId) {
        return database.read(connection -> {
            List<Document> bare = Sql.list(connection, "SELECT " + DOCUMENT_COLUMNS + " FROM documents"
                    + " WHERE organisation_id = ? AND case_id = ? ORDER BY created_at", Archive::document, organisationId, caseId);
            List<Document> result = new java.util.ArrayList<>(bare.size());
            for (Document document : bare) {
                result.add(withVersions(document, versions(connection, document.id())));
            }
            return result;
        });
    }

    /**
     * Every document of the organisation by case, oldest first, without their versions: what
     * deadlines are computed from, in one query for the leader's overview across all cases.
     */
    public java.util.Map<String, List<Document>> documentsByCase(String organisationId) {
        java.util.Map<String, List<Document>> byCase = new java.util.HashMap<>();
        database.read(connection -> Sql.list(connection, "SELECT " + DOCUMENT_COLUMNS + " FROM documents WHERE organisation_id = ?"
                + " ORDER BY created_at", row -> byCase.computeIfAbsent(row.getString("case_id"), id -> new java.util.ArrayList<>())
                .add(document(row)), organisationId));
        return byCase;
    }

    /** Where a document was sent and when it was received, oldest first; the caller has checked access. */
    public List<Dispatch> dispatches(String documentId) {
        return Dispatches.of(database, documentId);
    }

    /** The ids of a case's drafts that were deleted before anyone signed them. */
    public List<String> deletedDrafts(String organisationId, String caseId) {
        return database.read(connection -> Sql.list(connection, "SELECT document_id FROM deleted_drafts WHERE organisation_id = ?"
                + " AND case_id = ? ORDER BY deleted_at", row -> row.getString(1), organisationId, caseId));
    }

    /** All documents of an organisation without their versions: what a retention sweep walks. */
    public List<Document> listAll(String organisationId) {
        return database.read(connection -> Sql.list(connection, "SELECT " + DOCUMENT_COLUMNS + " FROM documents"
                + " WHERE organisation_id = ? ORDER BY created_at", Archive::document, organisationId));
    }

    /** The documents of one type in an organisation, without their versions (e.g. its disposal certificates). */
    public List<Document> listByType(String organisationId, String documentType) {
        return database.read(connection -> Sql.list(connection, "SELECT " + DOCUMENT_COLUMNS + " FROM documents"
                + " WHERE organisation_id = ? AND document_type = ? ORDER BY created_at", Archive::document, organisationId, documentType));
    }

    /** The plaintext of one version, decrypted; the caller has checked access and audits the read. */
    public byte[] content(String organisationId, String documentId, int version) {
        Keyed keyed = database.read(connection -> Sql.one(connection,
                "SELECT v.blob_id, v.wrapped_key FROM document_versions v JOIN documents d ON d.id = v.document_id"
                        + " WHERE d.id = ? AND d.organisation_id = ? AND v.version = ?",
                row -> new Keyed(row.getString(1), row.getBytes(2), version), documentId, organisationId, version))
                .orElseThrow(() -> new NotFound("Version " + version + " of document " + documentId));
        return open(keyed, "version " + version + " of document " + documentId);
    }

    /**
     * Adds the next version of a document and sets the document's status, in one transaction with
     * whatever the caller logs alongside. Versions are only ever added, never replaced.
     */
    public Document addVersion(String organisationId, String documentId, int expectedLatest, VersionContent content, boolean sealed,
                               String status, String reason, String createdBy, String createdAt, AlsoInTransaction also) {
        StoredVersion stored = put(content);
        try {
            database.update(connection -> {
                int latest = Sql.one(connection, "SELECT MAX(v.version) FROM document_versions v JOIN documents d"
                                + " ON d.id = v.document_id WHERE d.id = ? AND d.organisation_id = ?", row -> row.getInt(1),
                        documentId, organisationId).orElse(0);
                if (latest != expectedLatest) {
                    throw new no.mappe.errors.Conflict("Document " + documentId + " changed meanwhile; reload it and try again");
                }
                insertVersion(connection, documentId, latest + 1, stored, content.mediaType(), reason, createdBy, createdAt);
                Sql.execute(connection, "UPDATE document_versions SET sealed = ? WHERE document_id = ? AND version = ?",
                        sealed ? 1 : 0, documentId, latest + 1);
                Sql.execute(connection, "UPDATE documents SET status = ? WHERE id = ?", status, documentId);
                also.run(connection);
                IndexOutbox.documentChanged(connection, organisationId, documentId);
            });
        } catch (RuntimeException e) {
            delete(stored);
            throw e;
        }
        return find(organisationId, documentId).orElseThrow();
    }

    /** Records the dates a new document sets for what comes next (kind to date), in the caller's transaction. */
    static void insertDeadlines(Connection connection, String documentId, java.util.Map<String, LocalDate> dates) throws SQLException {
        for (java.util.Map.Entry<String, LocalDate> date : dates.entrySet()) {
            Sql.execute(connection, "INSERT INTO document_deadlines (document_id, kind, due_date) VALUES (?, ?, ?)", documentId,
                    date.getKey(), date.getValue().toString());
        }
    }

    /** The dates the documents of a case set for what comes next: document id to kind to date. */
    public java.util.Map<String, java.util.Map<String, LocalDate>> deadlinesOfCase(String organisationId, String caseId) {
        return deadlines(" AND d.case_id = ?", organisationId, caseId);
    }

    /** The deadlines every document of the organisation set, by document (the leader's overview). */
    public java.util.Map<String, java.util.Map<String, LocalDate>> deadlinesOfOrganisation(String organisationId) {
        return deadlines("", organisationId);
    }

    private java.util.Map<String, java.util.Map<String, LocalDate>> deadlines(String andWhere, Object... parameters) {
        java.util.Map<String, java.util.Map<String, LocalDate>> dates = new java.util.HashMap<>();
        database.read(connection -> Sql.list(connection, "SELECT dd.document_id, dd.kind, dd.due_date FROM document_deadlines dd"
                        + " JOIN documents d ON d.id = dd.document_id WHERE d.organisation_id = ?" + andWhere,
                row -> dates.computeIfAbsent(row.getString(1), id -> new java.util.HashMap<>()).put(row.getString(2),
                        LocalDate.parse(row.getString(3))), parameters));
        return dates;
    }

    /**
     * Moves a document to another access level, with whatever the caller logs alongside; returns the
     * level it had. One transaction: search follows through the outbox of the same commit.
     */
    public int setAccessLevel(String organisationId, String documentId, int accessLevel, AlsoInTransaction also) {
        return database.write(connection -> {
            int before = Sql.one(connection, "SELECT access_level FROM documents WHERE id = ? AND organisation_id = ?",
                    row -> row.getInt(1), documentId, organisationId).orElseThrow(() -> new NotFound("Document " + documentId));
            Sql.execute(connection, "UPDATE documents SET access_level = ? WHERE id = ? AND organisation_id = ?", accessLevel, documentId,
                    organisationId);
            also.run(connection);
            IndexOutbox.documentChanged(connection, organisationId, documentId);
            return before;
        });
    }

    /** Marks a new document as in its maker's hand (made above their own level), in the transaction that made it. */
    public static void holdFor(java.sql.Connection connection, String documentId, String userId) throws java.sql.SQLException {
        Sql.execute(connection, "UPDATE documents SET held_by = ? WHERE id = ?", userId, documentId);
    }

    /** Ends the maker's hold, when someone at the document's level moves it. */
    public static void release(java.sql.Connection connection, String documentId) throws java.sql.SQLException {
        Sql.execute(connection, "UPDATE documents SET held_by = NULL WHERE id = ?", documentId);
    }

    /** The ids of a case's documents made above their maker's level by this user. */
    public java.util.Set<String> heldBy(String organisationId, String caseId, String userId) {
        return new java.util.HashSet<>(database.read(connection -> Sql.list(connection,
                "SELECT id FROM documents WHERE organisation_id = ? AND case_id = ? AND held_by = ?", row -> row.getString(1),
                organisationId, caseId, userId)));
    }

    /** The ids of a case's documents, for the indexer (a case-wide change touches them all). */
    public List<String> idsOfCase(String organisationId, String caseId) {
        return database.read(connection -> Sql.list(connection, "SELECT id FROM documents WHERE organisation_id = ? AND case_id = ?",
                row -> row.getString(1), organisationId, caseId));
    }

    /** The stamp (outbox sequence number of the latest change) of each of these documents that exists. */
    public java.util.Map<String, Long> indexStamps(String organisationId, java.util.Collection<String> documentIds) {
        java.util.Map<String, Long> stamps = new java.util.HashMap<>();
        database.read(connection -> {
            for (String documentId : documentIds) {
                Sql.one(connection, "SELECT index_stamp FROM documents WHERE id = ? AND organisation_id = ?", row -> row.getLong(1),
                        documentId, organisationId).ifPresent(stamp -> stamps.put(documentId, stamp));
            }
            return null;
        });
        return stamps;
    }

    /** Told each document's organisation, id and stamp, in id order. */
    @FunctionalInterface
    public interface StampVisitor {
        void visit(String organisationId, String documentId, long stamp) throws SQLException;
    }

    /** Every document of every organisation with its stamp, in id order (the order the index lists its entries in). */
    public void forEachStamp(StampVisitor visitor) {
        database.read(connection -> {
            try (var statement = connection.prepareStatement("SELECT organisation_id, id, index_stamp FROM documents ORDER BY id");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    visitor.visit(rows.getString(1), rows.getString(2), rows.getLong(3));
                }
            }
            return null;
        });
    }

    /** The filled XHTML one version was rendered from, when it was generated by Mappe. */
    public Optional<byte[]> source(String organisationId, String documentId, int version) {
        Optional<Keyed> keyed = database.read(connection -> Sql.one(connection,
                "SELECT v.source_blob_id, v.source_wrapped_key FROM document_versions v JOIN documents d ON d.id = v.document_id"
                        + " WHERE d.id = ? AND d.organisation_id = ? AND v.version = ? AND v.source_blob_id IS NOT NULL",
                row -> new Keyed(row.getString(1), row.getBytes(2), version), documentId, organisationId, version));
        return keyed.map(found -> open(found, "the source of version " + version + " of document " + documentId));
    }

    /** The field values (JSON) one version was generated from, when they were kept (drafts made since they are). */
    public Optional<String> fields(String organisationId, String documentId, int version) {
        record Encrypted(String fields, byte[] wrappedKey) {
        }
        return database.read(connection -> Sql.one(connection,
                "SELECT v.fields, v.wrapped_key FROM document_versions v JOIN documents d ON d.id = v.document_id"
                        + " WHERE d.id = ? AND d.organisation_id = ? AND v.version = ? AND v.fields IS NOT NULL",
                row -> new Encrypted(row.getString(1), row.getBytes(2)), documentId, organisationId, version))
                .map(found -> blobs.cipherOf(found.wrappedKey()).decrypt(found.fields()));
    }

    /**
     * The newest version of a document whose field values were kept, with those values (JSON): for a
     * signed document the version that was signed, as the sealed copy keeps none of its own.
     */
    public Optional<Map.Entry<Integer, String>> latestFields(String organisationId, String documentId) {
        record Encrypted(int version, String fields, byte[] wrappedKey) {
        }
        return database.read(connection -> Sql.one(connection,
                "SELECT v.version, v.fields, v.wrapped_key FROM document_versions v JOIN documents d ON d.id = v.document_id"
                        + " WHERE d.id = ? AND d.organisation_id = ? AND v.fields IS NOT NULL ORDER BY v.version DESC LIMIT 1",
                row -> new Encrypted(row.getInt(1), row.getString(2), row.getBytes(3)), documentId, organisationId))
                .map(found -> Map.entry(found.version(), blobs.cipherOf(found.wrappedKey()).decrypt(found.fields())));
    }

    /** The text Tika or OCR read from each version that has any, oldest version first. */
    public List<String> extractedTexts(String organisationId, String documentId) {
        List<Keyed> keyed = database.read(connection -> Sql.list(connection,
                "SELECT v.text_blob_id, v.text_wrapped_key, v.version FROM document_versions v JOIN documents d ON d.id = v.document_id"
                        + " WHERE d.id = ? AND d.organisation_id = ? AND v.text_blob_id IS NOT NULL ORDER BY v.version",
                row -> new Keyed(row.getString(1), row.getBytes(2), row.getInt(3)), documentId, organisationId));
        return keyed.stream().map(found -> new String(open(found, "the text of version " + found.version() + " of document "
                + documentId), StandardCharsets.UTF_8)).toList();
    }

    /** A blob's plaintext; damage is reported by the version it belongs to, which is what a user and an operator know. */
    private byte[] open(Keyed keyed, String what) {
        try {
            return blobs.get(keyed.blobId(), keyed.wrappedKey());
        } catch (StoredFileDamaged e) {
            throw e.of(what);
        }
    }

    /** Work done in the same transaction as destroying documents, told which of them were there to destroy. */
    @FunctionalInterface
    public interface AlsoWhenDestroyed {
        void run(Connection connection, java.util.Set<String> destroyedIds) throws SQLException;
    }

    /** Asked inside the destroying transaction, per document, whether it may still go (e.g. its event was not voided meanwhile). */
    @FunctionalInterface
    public interface StillDue {
        boolean test(Connection connection, String documentId) throws SQLException;
    }

    /**
     * Destroys documents in one transaction: their wrapped keys and rows go (signatures and
     * addenda with them), together with whatever the caller logs alongside; then their blobs are
     * deleted. Once the transaction commits the content is unreadable even if a crash leaves a
     * blob behind (it is removed at the next start). Ids already gone, or no longer due when the
     * transaction asks {@code stillDue}, are skipped, so a repeated call never destroys anything
     * twice. Returns the ids that were destroyed.
     */
    public java.util.Set<String> destroyAll(String organisationId, List<String> documentIds, StillDue stillDue,
                                            AlsoWhenDestroyed also) {
        record Destroyed(java.util.Set<String> ids, List<String> blobIds) {
        }
        Destroyed destroyed = database.write(connection -> {
            java.util.Set<String> ids = new java.util.LinkedHashSet<>();
            List<String> blobIds = new java.util.ArrayList<>();
            for (String documentId : documentIds) {
                if (!stillDue.test(connection, documentId)) {
                    continue;
                }
                List<String[]> versions = Sql.list(connection, "SELECT v.blob_id, v.source_blob_id, v.text_blob_id FROM document_versions v"
                                + " JOIN documents d ON d.id = v.document_id WHERE d.id = ? AND d.organisation_id = ?",
                        row -> new String[] {row.getString(1), row.getString(2), row.getString(3)}, documentId, organisationId);
                if (Sql.execute(connection, "DELETE FROM documents WHERE id = ? AND organisation_id = ?", documentId, organisationId) > 0) {
                    ids.add(documentId);
                    IndexOutbox.documentChanged(connection, organisationId, documentId);
                    versions.forEach(blobs -> java.util.Arrays.stream(blobs).filter(java.util.Objects::nonNull).forEach(blobIds::add));
                }
            }
            also.run(connection, java.util.Collections.unmodifiableSet(ids));
            return new Destroyed(ids, blobIds);
        });
        destroyed.blobIds().forEach(blobs::delete);
        return destroyed.ids();
    }

    /** The blobs of one version as written: content always, source and text when given. */
    private record StoredVersion(StoredBlob content, StoredBlob source, StoredBlob text, String fields) {
    }

    /** Writes a version's blobs together, durable when this returns; if one fails, none is kept (see {@link BlobStore#putAll}). */
    private StoredVersion put(VersionContent content) {
        List<byte[]> files = new java.util.ArrayList<>(3);
        files.add(content.content());
        if (content.source() != null) {
            files.add(content.source());
        }
        if (content.extractedText() != null) {
            files.add(content.extractedText().getBytes(StandardCharsets.UTF_8));
        }
        List<StoredBlob> stored = blobs.putAll(files);
        int next = 1;
        StoredBlob source = content.source() == null ? null : stored.get(next++);
        StoredBlob text = content.extractedText() == null ? null : stored.get(next);
        return new StoredVersion(stored.get(0), source, text, content.fields());
    }

    private void delete(StoredVersion stored) {
        java.util.stream.Stream.of(stored.content(), stored.source(), stored.text()).filter(java.util.Objects::nonNull)
                .forEach(blob -> blobs.delete(blob.blobId()));
    }

    private static void insertDocument(Connection connection, Document document) throws SQLException {
        Sql.execute(connection, "INSERT INTO documents (" + DOCUMENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                document.id(), document.organisationId(), document.caseId(), document.documentType(), document.templateId(),
                document.templateVersion(), document.language(), document.accessLevel(), document.status(),
                document.documentDate().toString(), document.createdBy(), document.createdAt());
    }

    private void insertVersion(Connection connection, String documentId, int version, StoredVersion stored, String mediaType,
                               String reason, String createdBy, String createdAt) throws SQLException {
        StoredBlob blob = stored.content();
        StoredBlob source = stored.source();
        StoredBlob text = stored.text();
        Sql.execute(connection, "INSERT INTO document_versions (document_id, version, blob_id, wrapped_key, sha256, size_bytes,"
                        + " media_type, reason, created_by, created_at, source_blob_id, source_wrapped_key, text_blob_id, text_wrapped_key)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                documentId, version, blob.blobId(), blob.wrappedKey(), blob.sha256(), blob.sizeBytes(), mediaType, reason,
                createdBy, createdAt, source == null ? null : source.blobId(), source == null ? null : source.wrappedKey(),
                text == null ? null : text.blobId(), text == null ? null : text.wrappedKey());
        if (stored.fields() != null) {
            Sql.execute(connection, "UPDATE document_versions SET fields = ? WHERE document_id = ? AND version = ?",
                    blobs.cipherOf(blob.wrappedKey()).encrypt(stored.fields()), documentId, version);
        }
    }

    private static List<DocumentVersion> versions(Connection connection, String documentId) throws SQLException {
        return Sql.list(connection, "SELECT version, sha256, size_bytes, media_type, reason, created_by, created_at, sealed"
                        + " FROM document_versions WHERE document_id = ? ORDER BY version",
                row -> new DocumentVersion(row.getInt("version"), row.getString("sha256"), row.getLong("size_bytes"),
                        row.getString("media_type"), row.getString("reason"), row.getString("created_by"),
                        row.getString("created_at"), row.getInt("sealed") == 1), documentId);
    }

    private static Document document(ResultSet row) throws SQLException {
        return new Document(row.getString("id"), row.getString("organisation_id"), row.getString("case_id"),
                row.getString("document_type"), row.getString("template_id"), row.getInt("template_version"),
                row.getString("language"), row.getInt("access_level"), row.getString("status"),
                LocalDate.parse(row.getString("document_date")), row.getString("created_by"), row.getString("created_at"), List.of());
    }

    private static Document withVersions(Document document, List<DocumentVersion> versions) {
        return new Document(document.id(), document.organisationId(), document.caseId(), document.documentType(),
                document.templateId(), document.templateVersion(), document.language(), document.accessLevel(), document.status(),
                document.documentDate(), document.createdBy(), document.createdAt(), versions);
    }

    private record Keyed(String blobId, byte[] wrappedKey, int version) {
    }
}
