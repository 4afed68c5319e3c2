package no.mappe.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import no.mappe.archive.Archive;
import no.mappe.archive.BlobStore;
import no.mappe.archive.Document;
import no.mappe.archive.DocumentService;
import no.mappe.archive.MasterKey;
import no.mappe.archive.VersionContent;
import no.mappe.audit.AuditLog;
import no.mappe.cases.CaseService;
import no.mappe.cases.Participants;
import no.mappe.config.Resources;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.ops.Timing;
import no.mappe.retention.DisposalCertificate;
import no.mappe.retention.Holds;
import no.mappe.retention.PolicyLoader;
import no.mappe.retention.Retention;
import no.mappe.retention.RetentionPolicy;
import no.mappe.retention.ReviewDecisions;
import no.mappe.retention.SweepReport;
import no.mappe.retention.SweepService;
import no.mappe.search.Indexer;
import no.mappe.search.SearchIndex;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.ProfileService;
import no.mappe.security.Role;
import no.mappe.security.User;
import no.mappe.templates.DocxRenderer;
import no.mappe.templates.PdfRenderer;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateFiller;

/**
 * A retention sweep at scale: N documents (default 1,000,000; {@code bench/run sweep 100000} for a
 * quicker look) in one organisation, imported through the archive and index layers, of which 10%
 * are due (their cases have the final report received). Prints the time to evaluate every document
 * (a dry run that stores the disposal list), the time and rate of disposal (keys, rows, blobs,
 * disposal log, audit and index entries), and the time of the final purge (index segments merged
 * away, WAL checkpointed) and of the disposal certificate.
 */
public final class SweepBenchmark {

    private static final int BATCH = 1_000;
    private static final int DOCUMENTS_PER_CASE = 20;
    private static final String ORGANISATION = "org-a";
    private static final String POLICY = """
            classes:
              participant-folder:
                documents: [progress-report, plan, conversation-log]
                trigger: final-report-received
                after: P0D
                action: shred
              consent:
                documents: [consent]
                trigger: case-ended
                after: P10Y
                action: review
              records:
                documents: [disposal-certificate]
                action: keep
            """;

    private SweepBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("mappe-bench-sweep");
        System.out.printf("Mappe retention sweep benchmark: %,d documents (10%% due), %d cores, Java %s, data in %s%n", documents,
                Runtime.getRuntime().availableProcessors(), Runtime.version(), dir);
        Clock clock = Clock.systemDefaultZone();
        try (Database database = Database.open(dir.resolve("mappe.db"));
             SearchIndex index = SearchIndex.open(dir.resolve("index"))) {
            MasterKey key = MasterKey.loadOrCreate(dir.resolve("master.key"));
            Archive archive = new Archive(database, new BlobStore(dir.resolve("blobs"), key));
            AuditLog audit = new AuditLog(database, key, clock);
            Directory directory = new Directory(database, key);
            Participants participants = new Participants(key);
            int cases = seed(database, directory, participants, documents);
            TemplateCatalogue catalogue = TemplateCatalogue.load(Resources.fromClasspath("templates"));
            ProfileService profiles = new ProfileService(database, directory, key.fieldCipher("organisation-profile"), audit, clock);
            List<String> types = List.of("progress-report", "plan", "conversation-log", "consent", "disposal-certificate");
            RetentionPolicy policy = new PolicyLoader(Resources.fromClasspath("archive-policy"), types)
                    .parse("bench-policy.yaml", POLICY, "bench");
            Retention retention = new Retention(Map.of(ORGANISATION, policy), new Holds(database, key.fieldCipher("hold-reason"), audit,
                    clock), new ReviewDecisions(database));
            CaseService caseService = new CaseService(database, directory, participants, key.fieldCipher("case-event"), audit, clock);
            PdfRenderer renderer = new PdfRenderer();
            no.mappe.security.TimeZones timeZones = new no.mappe.security.TimeZones(database, audit);
            DocumentService documentService = new DocumentService(archive, caseService, directory,
                    profiles, catalogue,
                    new TemplateFiller(catalogue), renderer, new DocxRenderer(), retention, audit, clock, Timing.NONE,
                    new no.mappe.minutes.MinutesCheck(caseService, directory), timeZones);
            Indexer indexer = Indexer.of(database, archive, index, caseService, directory, documentService, retention, "bench-node",
                    java.time.Clock.systemUTC());
            no.mappe.cluster.Leases leases = new no.mappe.cluster.Leases(database, "bench-node", clock, java.time.Duration.ofSeconds(30));
            SweepService sweeps = new SweepService(database, archive, retention, indexer,
                    new DisposalCertificate(documentService, directory, renderer, audit, profiles, catalogue, timeZones), audit, leases,
                    clock);

            long start = System.nanoTime();
            importDocuments(archive, documents, cases);
            double buildSeconds = seconds(start);
            System.out.printf("build: %,d documents in %.0f s (%.0f/s), blobs encrypted and synced%n", documents,
                    buildSeconds, documents / buildSeconds);
            start = System.nanoTime();
            indexer.applyPending();
            double indexSeconds = seconds(start);
            System.out.printf("index built through the outbox (as the service does): %.0f s (%.0f documents/s)%n", indexSeconds,
                    documents / indexSeconds);

            Caller leader = Caller.scheduler(ORGANISATION);
            long[] marks = new long[3];
            start = System.nanoTime();
            SweepReport dryRun = sweeps.sweep(leader, true, (phase, done, total) -> { });
            double evaluateSeconds = seconds(start);
            System.out.printf("evaluate (dry run, disposal list stored): %,d documents, %,d due in %.2f s (%.0f documents/s)%n",
                    dryRun.documentsEvaluated(), dryRun.due(), evaluateSeconds, dryRun.documentsEvaluated() / evaluateSeconds);

            start = System.nanoTime();
            long begun = start;
            SweepReport sweep = sweeps.sweep(leader, false, (phase, done, total) -> {
                if (phase.equals("disposing") && done == 0) {
                    marks[0] = System.nanoTime();
                } else if (phase.equals("disposing") && done == total) {
                    marks[1] = System.nanoTime();
                }
            });
            marks[2] = System.nanoTime();
            double disposeSeconds = (marks[1] - marks[0]) / 1e9;
            System.out.printf("sweep: evaluation %.2f s; disposal of %,d documents %.1f s = %.0f documents/s%n",
                    (marks[0] - begun) / 1e9, sweep.shredded(), disposeSeconds, sweep.shredded() / disposeSeconds);
            System.out.printf("       purge (index segments merged, WAL checkpointed) and certificate %.1f s; whole sweep %.1f s"
                    + " = %.0f documents/s%n", (marks[2] - marks[1]) / 1e9, seconds(begun), sweep.shredded() / seconds(begun));
            System.out.printf("       outcome %s, certificate %s%n", sweep.outcomes(), sweep.certificateDocumentId());
        }
    }

    /** One organisation, 50 counsellors, a case per 20 documents; every tenth case has its final report received. */
    private static int seed(Database database, Directory directory, Participants participants, int documents) {
        int cases = Math.max(10, documents / DOCUMENTS_PER_CASE);
        database.update(connection -> {
            Sql.execute(connection, "INSERT INTO organisations (id, name, country, language, policy) VALUES (?, 'Org A', 'NO', 'nb', 'x')",
                    ORGANISATION);
            directory.insertUser(connection, new User("leader", ORGANISATION, "leader", "Leder", Role.LEADER), "x");
            for (int c = 0; c < 50; c++) {
                directory.insertUser(connection, new User("c" + c, ORGANISATION, "c" + c, "Veileder " + c, Role.COUNSELLOR), "x");
            }
            for (int c = 0; c < cases; c++) {
                participants.insert(connection, "p" + c, ORGANISATION, "Deltaker " + c, LocalDate.of(1980, 1, 1));
                Sql.execute(connection, "INSERT INTO cases (id, organisation_id, participant_id, programme, counsellor_id, start_date,"
                        + " created_at) VALUES (?, ?, ?, 'AFT', ?, '2020-01-01', 'x')", "case-" + c, ORGANISATION, "p" + c, "c" + c % 50);
                if (c % 10 == 3) {
                    Sql.execute(connection, "INSERT INTO case_events (id, case_id, type, event_date, recorded_by, recorded_at)"
                            + " VALUES (?, ?, 'final-report-received', '2026-06-30', 'leader', 'x')", "e" + c, "case-" + c);
                }
            }
        });
        return cases;
    }

    /** Documents are spread over cases round-robin; none of a case's documents is a consent form, so exactly 10% fall due. */
    private static void importDocuments(Archive archive, int documents, int cases) {
        Random random = new Random(2026);
        String[] types = {"progress-report", "plan", "conversation-log"};
        String[] words = "arbeid trening lager kantine verksted oppmøte fremgang mål tiltak veileder rapport plan kurs praksis".split(" ");
        List<Archive.Import> imports = new ArrayList<>(BATCH);
        long start = System.nanoTime();
        for (int i = 0; i < documents; i++) {
            int caseNumber = i % cases;
            String id = UUID.randomUUID().toString();
            String type = types[i % types.length];
            LocalDate date = LocalDate.of(2020 + i % 6, 1 + i % 12, 1 + i % 28);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 300; w++) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            Document document = new Document(id, ORGANISATION, "case-" + caseNumber, type, type, 1, "nb", 2, "draft", date,
                    "c" + caseNumber % 50, date + "T10:00:00Z", List.of());
            imports.add(new Archive.Import(document, VersionContent.of(text.toString().getBytes(StandardCharsets.UTF_8), "text/plain")
                    .withExtractedText(text.substring(0, 400)), "benchmark"));
            if (imports.size() == BATCH || i == documents - 1) {
                archive.importAll(imports);
                imports.clear();
                if ((i + 1) % 100_000 == 0) {
                    System.out.printf("  %,d documents, %.0f/s%n", i + 1, (i + 1) / seconds(start));
                }
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
