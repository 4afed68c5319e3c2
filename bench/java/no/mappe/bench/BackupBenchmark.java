package no.mappe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import no.mappe.app.App;
import no.mappe.app.Verification;
import no.mappe.archive.Archive;
import no.mappe.archive.BlobObjects;
import no.mappe.archive.Document;
import no.mappe.archive.MasterKey;
import no.mappe.archive.VersionContent;
import no.mappe.backup.Backup;
import no.mappe.backup.DocumentKeys;
import no.mappe.backup.Restore;
import no.mappe.config.Config;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.templates.PdfRenderer;

/**
 * What backup and restore cost: a demo data directory with N more documents (default 100,000;
 * each a one-page PDF with its extracted text, imported in batches as the other benchmarks seed),
 * backed up with {@code mappe backup}'s code, then restored with {@code mappe restore}'s steps:
 * manifest check, copy and keys, verification (audit log, every blob, seals) and the index rebuilt.
 */
public final class BackupBenchmark {

    private static final int BATCH = 1_000;

    private BackupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("mappe-bench-backup");
        Path dataDir = dir.resolve("data");
        System.out.printf("Mappe backup benchmark: %,d documents, %d cores, Java %s, in %s%n", documents,
                Runtime.getRuntime().availableProcessors(), Runtime.version(), dir);
        Config config = Config.from(Map.of("MAPPE_DATA_DIR", dataDir.toString(), "MAPPE_DEMO", "true", "MAPPE_PORT", "0",
                "MAPPE_SWEEP_AT", "off"));
        try (App app = App.build(config)) {
            seed(app, documents);
        }
        MasterKey key = MasterKey.load(dataDir.resolve("master.key"));

        long start = System.nanoTime();
        Backup.Result backup = new Backup(dataDir, new no.mappe.archive.BlobDirectory(dataDir.resolve("blobs")), key, Clock.systemUTC()).run(dir.resolve("backups"), (phase, done, total) -> { });
        double backupSeconds = seconds(start);
        System.out.printf("backup: %.1f s for %,d documents (%,d versions), %,d files, %.1f MB (data directory %.1f MB)%n", backupSeconds,
                backup.manifest().documents(), backup.manifest().versions(), backup.manifest().files().size(),
                backup.manifest().bytes() / 1e6, size(dataDir) / 1e6);

        Path target = dir.resolve("restored");
        start = System.nanoTime();
        new Restore(key, System.out).run(dir.resolve("backups"), dir.resolve("backups").resolve(DocumentKeys.FILE_NAME), target);
        double copySeconds = seconds(start);
        Config restored = config.withPortAndDataDir(0, target).withMasterKeyFile(dataDir.resolve("master.key"));
        long verifyStart = System.nanoTime();
        Verification.Outcome outcome;
        try (Database database = Database.open(target.resolve("mappe.db"));
             BlobObjects blobs = new no.mappe.archive.BlobDirectory(target.resolve("blobs"))) {
            Verification verification = new Verification(restored.withDemo(true), database, blobs, System.out);
            outcome = verification.auditLog(Optional.of(key)).and(verification.documents(key));
        }
        double verifySeconds = seconds(verifyStart);
        long indexStart = System.nanoTime();
        int indexed;
        try (App app = App.buildForMaintenance(restored)) {
            indexed = app.indexer().rebuild((done, total) -> { });
        }
        double indexSeconds = seconds(indexStart);
        System.out.printf("restore: %.1f s in all = checks, copy and keys %.1f s + verification %.1f s (%s) + reindex %.1f s"
                        + " (%,d documents); restored directory %.1f MB%n", seconds(start), copySeconds, verifySeconds, outcome,
                indexSeconds, indexed, size(target) / 1e6);
    }

    /** The demo organisation's first case gets N consent documents, one rendered PDF reused with its text. */
    static void seed(App app, int documents) {
        String[] where = app.database().read(connection -> Sql.one(connection, "SELECT organisation_id, id, counsellor_id FROM cases"
                + " ORDER BY id LIMIT 1", row -> new String[] {row.getString(1), row.getString(2), row.getString(3)})).orElseThrow();
        String text = "Samtykke til samarbeid med NAV om arbeidstrening og oppfølging.";
        byte[] pdf = new PdfRenderer().render("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"nb\"><head><title>Samtykke</title>"
                + "<style>body { font-family: 'Noto Sans'; }</style></head><body><h1>Samtykke</h1><p>" + text + "</p></body></html>",
                "bench");
        Archive archive = app.archive();
        List<Archive.Import> imports = new ArrayList<>(BATCH);
        long start = System.nanoTime();
        for (int i = 0; i < documents; i++) {
            Document document = new Document(UUID.randomUUID().toString(), where[0], where[1], "consent", "consent", 1, "nb", 2, "draft",
                    LocalDate.of(2026, 1, 1), where[2], "2026-01-01T10:00:00Z", List.of());
            imports.add(new Archive.Import(document, VersionContent.of(pdf, "application/pdf").withExtractedText(text + " " + i),
                    "benchmark"));
            if (imports.size() == BATCH || i == documents - 1) {
                archive.importAll(imports);
                imports.clear();
            }
        }
        System.out.printf("  %,d documents stored in %.1f s, %d KB PDF each, with their text%n", documents, seconds(start),
                pdf.length / 1024);
    }

    private static long size(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
