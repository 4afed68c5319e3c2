package no.mappe.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import no.mappe.archive.Archive;
import no.mappe.archive.BlobCheck;
import no.mappe.archive.BlobStore;
import no.mappe.archive.Document;
import no.mappe.archive.MasterKey;
import no.mappe.archive.VersionContent;
import no.mappe.audit.AuditAnchor;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditHead;
import no.mappe.audit.AuditLog;
import no.mappe.audit.AuditVerification;
import no.mappe.audit.AuditVerifier;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.security.Directory;
import no.mappe.signing.PadesSealer;
import no.mappe.signing.SealAudit;
import no.mappe.signing.SealKey;
import no.mappe.signing.SealKeys;
import no.mappe.signing.SealVerifier;
import no.mappe.templates.PdfRenderer;

/**
 * What {@code mappe verify} costs: N documents (default 10,000; each a two-page PDF with its XHTML
 * source, every tenth with a sealed second version) and M audit entries (default 1,000,000).
 * Prints seconds per 1,000 documents for the stored-file check (decrypt, SHA-256, seals) and per
 * 100,000 entries for the keyed chain walk.
 */
public final class VerifyBenchmark {

    private static final String ORGANISATION = "org-a";
    private static final int BATCH = 1_000;

    private VerifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int entries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path dir = Files.createTempDirectory("mappe-bench-verify");
        System.out.printf("Mappe verify benchmark: %,d documents (10%% sealed), %,d audit entries, %d cores, Java %s, data in %s%n",
                documents, entries, Runtime.getRuntime().availableProcessors(), Runtime.version(), dir);
        try (Database database = Database.open(dir.resolve("mappe.db"))) {
            MasterKey key = MasterKey.loadOrCreate(dir.resolve("master.key"));
            BlobStore blobs = new BlobStore(dir.resolve("blobs"), key);
            Archive archive = new Archive(database, blobs);
            AuditLog audit = new AuditLog(database, key, Clock.systemUTC());
            SealKeys seals = new SealKeys(dir.resolve("seals"), Optional.empty(), true);
            seed(database);
            importDocuments(archive, seals.of(ORGANISATION, "Org A", "NO"), documents);
            appendEntries(database, audit, entries);

            BlobCheck.ContentCheck sealCheck = SealAudit.sealCheck(new SealVerifier(), seals, new Directory(database, key));
            long start = System.nanoTime();
            BlobCheck.Result files = new BlobCheck(database, blobs).check(sealCheck);
            double filesSeconds = seconds(start);
            System.out.printf("stored files: %,d documents, %,d versions (%,d sealed), %,d files in %.1f s = %.2f s per 1,000 documents;"
                    + " problems %d%n", files.documents(), files.versions(), files.sealedVersions(), files.files(), filesSeconds,
                    filesSeconds * 1000 / files.documents(), files.problems().size());

            AuditHead head = audit.head().orElseThrow();
            start = System.nanoTime();
            AuditVerification chain = AuditVerifier.of(database, Optional.of(key)).verify(List.of(new AuditAnchor(head, "now", "bench")));
            double chainSeconds = seconds(start);
            System.out.printf("audit chain: %,d entries in %.1f s = %.2f s per 100,000 entries; intact %s%n", chain.entriesChecked(),
                    chainSeconds, chainSeconds * 100_000 / chain.entriesChecked(), chain.intact());
        }
    }

    private static void seed(Database database) {
        database.update(connection -> {
            Sql.execute(connection, "INSERT INTO organisations (id, name, country, language, policy) VALUES (?, 'Org A', 'NO', 'nb', 'x')",
                    ORGANISATION);
            Sql.execute(connection, "INSERT INTO users (id, organisation_id, username, display_name, role, password_hash)"
                    + " VALUES ('c', ?, 'c', 'Veileder', 'counsellor', 'x')", ORGANISATION);
            Sql.execute(connection, "INSERT INTO participants (id, organisation_id, name, birth_date) VALUES ('p', ?, 'D', '1980-01-01')",
                    ORGANISATION);
            Sql.execute(connection, "INSERT INTO cases (id, organisation_id, participant_id, programme, counsellor_id, start_date,"
                    + " created_at) VALUES ('case', ?, 'p', 'AFT', 'c', '2020-01-01', 'x')", ORGANISATION);
        });
    }

    /** Two-page PDFs with their source, as generated drafts are; every tenth gets a sealed second version. */
    private static void importDocuments(Archive archive, SealKey seal, int documents) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            body.append("<p>Avsnitt ").append(i).append(": deltakeren har arbeidet på lageret og i kantinen med god framgang.</p>");
        }
        String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"nb\"><head><title>Rapport</title><style>body {"
                + " font-family: 'Noto Sans'; }</style></head><body><h1>Fremdriftsrapport</h1>" + body + "</body></html>";
        byte[] pdf = new PdfRenderer().render(xhtml, "bench");
        byte[] sealed = new PadesSealer().seal(pdf, seal, "Org A", "bench", "Heimdal", Calendar.getInstance());
        List<Archive.Import> imports = new ArrayList<>(BATCH);
        List<String> toSeal = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            String id = UUID.randomUUID().toString();
            Document document = new Document(id, ORGANISATION, "case", "progress-report", "progress-report", 1, "nb", 2, "draft",
                    LocalDate.of(2026, 1, 1), "c", "2026-01-01T10:00:00Z", List.of());
            imports.add(new Archive.Import(document, VersionContent.of(pdf, "application/pdf").withSource(xhtml), "benchmark"));
            if (i % 10 == 0) {
                toSeal.add(id);
            }
            if (imports.size() == BATCH || i == documents - 1) {
                archive.importAll(imports);
                imports.clear();
            }
        }
        for (String id : toSeal) {
            archive.addVersion(ORGANISATION, id, 1, VersionContent.of(sealed, "application/pdf").withExtractedText("Rapport signert"),
                    true, "signed", "sealed", "c", "2026-01-02T10:00:00Z", connection -> { });
        }
        System.out.printf("  %,d documents stored, %d KB PDF + %d KB source each%n", documents, pdf.length / 1024,
                xhtml.getBytes(StandardCharsets.UTF_8).length / 1024);
    }

    private static void appendEntries(Database database, AuditLog audit, int entries) {
        for (int done = 0; done < entries; done += 10_000) {
            int batch = Math.min(10_000, entries - done);
            int from = done;
            database.update(connection -> {
                for (int i = 0; i < batch; i++) {
                    audit.append(connection, AuditEvent.of(ORGANISATION, "c", "document-read").on("document", "d" + (from + i))
                            .withDetail("version 1"));
                }
            });
        }
        System.out.printf("  %,d audit entries appended%n", entries);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
