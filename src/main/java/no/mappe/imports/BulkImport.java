package no.mappe.imports;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import no.mappe.archive.Uploads;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.MappeException;
import no.mappe.errors.NotFound;
import no.mappe.errors.RetryLater;
import no.mappe.errors.StorageFull;
import no.mappe.imports.ImportReport.Line;
import no.mappe.imports.ImportReport.Outcome;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores an organisation's existing archive, file by file, through {@link Uploads} (the same refusals, extraction,
 * encryption, audit, retention and indexing as an upload), a few files at a time so the extraction processes stay
 * busy. Idempotent: a file whose content the organisation already imported is skipped, so an import that was
 * interrupted (even by kill -9) is finished by running it again; each file is stored whole, with its content key, in
 * one transaction, or not at all.
 */
public final class BulkImport {

    private static final Logger LOG = LoggerFactory.getLogger(BulkImport.class);
    private static final String AUDIT_ACTION = "document-imported";
    /** How often a file waits for a free extraction process before it is reported as not stored. */
    private static final int BUSY_RETRIES = 5;

    private final Uploads uploads;
    private final ImportedFiles importedFiles;
    private final Database database;
    private final Directory directory;
    private final Clock clock;

    public BulkImport(Uploads uploads, ImportedFiles importedFiles, Database database, Directory directory, Clock clock) {
        this.uploads = uploads;
        this.importedFiles = importedFiles;
        this.database = database;
        this.directory = directory;
        this.clock = clock;
    }

    /** Told after every file: how many are done of how many, and how they went so far. */
    @FunctionalInterface
    public interface Progress {
        void show(int done, int total, int imported, int skipped, int failed);
    }

    /** Imports every row of the map with {@code workers} files at a time; a full disk stops it (what was stored stays). */
    public ImportReport run(Caller caller, FileSource source, CaseMap map, int workers, Progress progress) {
        Instant start = Instant.now(clock);
        String language = directory.organisation(caller.organisationId()).orElseThrow().language();
        List<CaseMap.Row> rows = map.rows();
        Map<String, Optional<String>> casesByKey = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger[] counts = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        progress.show(0, rows.size(), 0, 0, 0);
        List<Future<Line>> futures = new ArrayList<>(rows.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers), Thread.ofPlatform().name("mappe-import-", 1).factory());
        try {
            for (CaseMap.Row row : rows) {
                futures.add(pool.submit(() -> {
                    Line line = importOne(caller, language, source, row, casesByKey);
                    counts[line.outcome().ordinal()].incrementAndGet();
                    progress.show(done.incrementAndGet(), rows.size(), counts[0].get(), counts[1].get(), counts[2].get());
                    return line;
                }));
            }
            List<Line> lines = new ArrayList<>(rows.size());
            for (Future<Line> future : futures) {
                lines.add(future.get());
            }
            return ImportReport.of(lines, Duration.between(start, Instant.now(clock)));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The import was interrupted", e);
        } finally {
            stop(pool);
        }
    }

    /** Workers still storing a file finish it (or their transaction rolls back) before the caller closes the database. */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("Import workers did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Line importOne(Caller caller, String language, FileSource source, CaseMap.Row row, Map<String, Optional<String>> casesByKey) {
        if (row.problem() != null) {
            return failed(language, row, row.problem());
        }
        String organisationId = caller.organisationId();
        String caseKey = row.caseId().isEmpty() ? "reference:" + row.reference() : "id:" + row.caseId();
        Optional<String> caseId = casesByKey.computeIfAbsent(caseKey, key -> findCase(organisationId, row));
        if (caseId.isEmpty()) {
            boolean ambiguous = row.caseId().isEmpty() && countByReference(organisationId, row.reference()) > 1;
            return failed(language, row, ambiguous ? Failure.CASE_AMBIGUOUS : Failure.CASE_UNKNOWN);
        }
        byte[] content;
        try {
            content = source.read(row.file());
        } catch (FileSource.OutsideSource e) {
            return failed(language, row, Failure.PATH_INVALID);
        } catch (NoSuchFileException e) {
            return failed(language, row, Failure.FILE_MISSING);
        } catch (FileSource.TooLarge e) {
            return failed(language, row, Failure.FILE_TOO_LARGE);
        } catch (IOException e) {
            return failed(language, row, Failure.FILE_UNREADABLE);
        }
        if (content.length == 0) {
            return failed(language, row, Failure.FILE_EMPTY);
        }
        String contentKey = importedFiles.contentKey(organisationId, content);
        if (importedFiles.contains(organisationId, contentKey)) {
            return skipped(language, row);
        }
        Uploads.Incoming incoming = new Uploads.Incoming(content, MediaTypes.of(row.file()), row.type(),
                row.accessLevel().isEmpty() ? null : Integer.valueOf(row.accessLevel()),
                row.date().isEmpty() ? null : Dates.parse(row.date()).orElseThrow());
        for (int attempt = 1; ; attempt++) {
            try {
                Uploads.Uploaded stored = uploads.store(caller, caseId.get(), incoming, AUDIT_ACTION, (connection, documentId) ->
                        importedFiles.record(connection, organisationId, contentKey, documentId, Instant.now(clock).toString()));
                return new Line(row.line(), row.file(), Outcome.IMPORTED, "", "", stored.document().id(), stored.textExtraction());
            } catch (ImportedFiles.AlreadyImported meanwhile) {
                return skipped(language, row);
            } catch (RetryLater busy) {
                // Counsellors' uploads share the extractors: the import waits its turn rather than failing the file.
                if (attempt == BUSY_RETRIES) {
                    return failed(language, row, Failure.BUSY);
                }
                pause(busy.retryAfterSeconds());
            } catch (InvalidFields invalid) {
                String field = invalid.errors().isEmpty() ? "" : invalid.errors().get(0).field();
                return failed(language, row, switch (field) {
                    case "type" -> Failure.TYPE_UNKNOWN;
                    case "accessLevel" -> Failure.ACCESS_LEVEL_INVALID;
                    default -> Failure.FILE_REFUSED;
                });
            } catch (NotFound gone) {
                return failed(language, row, Failure.CASE_UNKNOWN);
            } catch (StorageFull full) {
                throw full;
            } catch (MappeException | IllegalStateException | java.io.UncheckedIOException e) {
                LOG.warn("Importing the file of case map line {} failed: {}", row.line(), e.getClass().getSimpleName());
                return failed(language, row, Failure.STORAGE_FAILED);
            }
        }
    }

    private Optional<String> findCase(String organisationId, CaseMap.Row row) {
        if (!row.caseId().isEmpty()) {
            return database.read(connection -> Sql.one(connection, "SELECT id FROM cases WHERE id = ? AND organisation_id = ?",
                    result -> result.getString(1), row.caseId(), organisationId));
        }
        List<String> ids = database.read(connection -> Sql.list(connection, "SELECT id FROM cases WHERE organisation_id = ?"
                + " AND order_reference = ? AND kind = 'participant'", result -> result.getString(1), organisationId, row.reference()));
        return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
    }

    private int countByReference(String organisationId, String reference) {
        return database.read(connection -> Sql.one(connection, "SELECT COUNT(*) FROM cases WHERE organisation_id = ?"
                + " AND order_reference = ? AND kind = 'participant'", result -> result.getInt(1), organisationId, reference)).orElse(0);
    }

    private static Line failed(String language, CaseMap.Row row, Failure failure) {
        return new Line(row.line(), row.file(), Outcome.FAILED, failure.code(), failure.explain(language), "", "");
    }

    private static Line skipped(String language, CaseMap.Row row) {
        return new Line(row.line(), row.file(), Outcome.SKIPPED, Failure.ALREADY_IMPORTED,
                no.mappe.text.Messages.text(language, "import.failure." + Failure.ALREADY_IMPORTED), "", "");
    }

    private static void pause(int seconds) {
        try {
            Thread.sleep(Duration.ofSeconds(Math.max(1, Math.min(seconds, 5))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The import was interrupted", e);
        }
    }
}
