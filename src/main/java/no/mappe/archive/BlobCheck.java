package no.mappe.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.StorageFailure;
import no.mappe.errors.StoredFileDamaged;

/**
 * Reads every stored file of every version of every document, draft or sealed: the content, the
 * filled source it was rendered from and the extracted text. Each must decrypt, and the content's
 * SHA-256 must be the one recorded when it was stored (source and text have no recorded hash; the
 * GCM tag proves them unaltered). Every problem is collected, not only the first. A version shredded
 * while the check runs is not a problem, so it can run beside the service. For {@code mappe verify}.
 */
public final class BlobCheck {

    /** Versions read per query: keeps the memory flat however large the archive. */
    private static final int PAGE = 500;

    private final Database database;
    private final BlobStore blobs;

    public BlobCheck(Database database, BlobStore blobs) {
        this.database = database;
        this.blobs = blobs;
    }

    /** One version as the check sees it. */
    public record Version(String organisationId, String documentId, int version, boolean sealed) {
    }

    /**
     * One problem.
     *
     * @param part "content", "source" or "text" for a stored file, or what a {@link ContentCheck} names
     */
    public record Problem(String documentId, int version, String part, String problem) {
    }

    /** What was checked and what was wrong. */
    public record Result(int documents, int versions, int files, int sealedVersions, List<Problem> problems) {
    }

    /** A further check of a sealed version's content once it decrypted and matched its hash (its seal). */
    @FunctionalInterface
    public interface ContentCheck {

        /** The problem with this content, or empty when it holds. */
        Optional<Problem> check(Version version, byte[] content);
    }

    public Result check(ContentCheck sealedCheck) {
        List<Problem> problems = new ArrayList<>();
        int documents = 0;
        int versions = 0;
        int files = 0;
        int sealed = 0;
        Row last = null;
        while (true) {
            List<Row> page = page(last);
            for (Row row : page) {
                if (last == null || !last.version().documentId().equals(row.version().documentId())) {
                    documents++;
                }
                versions++;
                sealed += row.version().sealed() ? 1 : 0;
                files += row.files();
                List<Problem> found = check(row, sealedCheck);
                if (!found.isEmpty() && stillStored(row)) {
                    problems.addAll(found);
                }
                last = row;
            }
            if (page.size() < PAGE) {
                return new Result(documents, versions, files, sealed, problems);
            }
        }
    }

    private List<Problem> check(Row row, ContentCheck sealedCheck) {
        List<Problem> problems = new ArrayList<>();
        Version version = row.version();
        try {
            byte[] content = blobs.get(row.blobId(), row.wrappedKey());
            if (!BlobStore.sha256(content).equals(row.sha256())) {
                problems.add(problem(version, "content", "decrypts, but is not the file archived (its SHA-256 differs from the one"
                        + " recorded)"));
            } else if (version.sealed()) {
                sealedCheck.check(version, content).ifPresent(problems::add);
            }
        } catch (StorageFailure e) {
            problems.add(problem(version, "content", reason(e)));
        }
        readable(version, "source", row.sourceBlobId(), row.sourceWrappedKey()).ifPresent(problems::add);
        readable(version, "text", row.textBlobId(), row.textWrappedKey()).ifPresent(problems::add);
        return problems;
    }

    private Optional<Problem> readable(Version version, String part, String blobId, byte[] wrappedKey) {
        if (blobId == null) {
            return Optional.empty();
        }
        try {
            blobs.get(blobId, wrappedKey);
            return Optional.empty();
        } catch (StorageFailure e) {
            return Optional.of(problem(version, part, reason(e)));
        }
    }

    private static Problem problem(Version version, String part, String problem) {
        return new Problem(version.documentId(), version.version(), part, problem);
    }

    private static String reason(StorageFailure failure) {
        return failure instanceof StoredFileDamaged damaged ? damaged.reason() : "cannot be read: " + failure.getMessage();
    }

    /** Whether the version is still there: one shredded since its row was read is not damaged, it is gone. */
    private boolean stillStored(Row row) {
        return database.read(connection -> Sql.one(connection, "SELECT 1 FROM document_versions WHERE document_id = ? AND version = ?"
                + " AND blob_id = ?", result -> true, row.version().documentId(), row.version().version(), row.blobId()).isPresent());
    }

    /** The next versions after the given one, in key order ("" sorts before every document id). */
    private List<Row> page(Row after) {
        String documentId = after == null ? "" : after.version().documentId();
        int version = after == null ? 0 : after.version().version();
        return database.read(connection -> Sql.list(connection, "SELECT d.organisation_id, v.document_id, v.version, v.sealed, v.sha256,"
                        + " v.blob_id, v.wrapped_key, v.source_blob_id, v.source_wrapped_key, v.text_blob_id, v.text_wrapped_key"
                        + " FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE (v.document_id, v.version) > (?, ?)"
                        + " ORDER BY v.document_id, v.version LIMIT ?",
                row -> new Row(new Version(row.getString(1), row.getString(2), row.getInt(3), row.getInt(4) == 1), row.getString(5),
                        row.getString(6), row.getBytes(7), row.getString(8), row.getBytes(9), row.getString(10), row.getBytes(11)),
                documentId, version, PAGE));
    }

    private record Row(Version version, String sha256, String blobId, byte[] wrappedKey, String sourceBlobId, byte[] sourceWrappedKey,
                       String textBlobId, byte[] textWrappedKey) {

        int files() {
            return 1 + (sourceBlobId == null ? 0 : 1) + (textBlobId == null ? 0 : 1);
        }
    }
}
