package no.mappe.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.mappe.app.App;
import no.mappe.archive.Archive;
import no.mappe.archive.Document;
import no.mappe.archive.VersionContent;
import no.mappe.cases.Case;
import no.mappe.cases.NewCase;
import no.mappe.config.Config;
import no.mappe.demo.DemoData;
import no.mappe.retention.SweepReport;
import no.mappe.security.Caller;
import no.mappe.testing.StorageSetup;

/**
 * The embedded set-up (SQLite, the data directory) beside the distributed one (PostgreSQL 18 and an
 * S3 bucket, the tests' own servers on this machine) with one and with two nodes: documents created
 * over HTTP by 16 clients (spread over the nodes as a load balancer would), one client's p50, and a
 * retention sweep's disposal rate. Two nodes here share this machine's cores, so the figure shows
 * what coordinating through the database costs, not what a second machine adds.
 * Run with {@code bench/run cluster [N]} (N documents swept, default 2,000).
 */
public final class ClusterBenchmark {

    private static final String PASSWORD = "bench-Passord-1";
    private static final int CLIENTS = 16;
    private static final int PER_CLIENT = 20;
    private static final int SINGLE = 100;
    private static final int WARMUP = 60;

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int swept = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        System.out.printf("Mappe cluster benchmark: %d cores, Java %s; %d clients x %d documents, sweep of %,d%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), CLIENTS, PER_CLIENT, swept);
        // The same JVM runs every set-up, and each later one would find the code warmer: the first round warms, the second counts.
        for (int round = 1; round <= 2; round++) {
            System.out.printf("%n== round %d of 2%s%n", round, round == 1 ? " (warm-up)" : "");
            run("embedded, 1 node", StorageSetup.EMBEDDED, 1, swept);
            run("distributed, 1 node", StorageSetup.DISTRIBUTED, 1, swept);
            run("distributed, 2 nodes", StorageSetup.DISTRIBUTED, 2, swept);
        }
        System.exit(0); // the test servers' JVM-exit hooks stop PostgreSQL and S3Proxy
    }

    private static void run(String name, StorageSetup setup, int nodes, int swept) throws Exception {
        Path root = Files.createTempDirectory("mappe-bench-cluster");
        Map<String, String> settings = new HashMap<>(setup.settings());
        settings.put("MAPPE_PORT", "0");
        settings.put("MAPPE_DEMO", "true");
        settings.put("MAPPE_DEMO_PASSWORD", PASSWORD);
        settings.put("MAPPE_SWEEP_AT", "off");
        settings.put("MAPPE_EXTRACTORS_AT_START", "false");
        List<App> apps = new ArrayList<>();
        try {
            for (int node = 0; node < nodes; node++) {
                settings.put("MAPPE_DATA_DIR", root.resolve("node-" + node).toString());
                apps.add(App.build(Config.from(settings)).start().awaitDemoDocuments());
                // Every node needs the same keys: the first made them in demo mode.
                settings.put("MAPPE_MASTER_KEY_FILE", root.resolve("node-0/master.key").toString());
                settings.put("MAPPE_SEAL_DIR", root.resolve("node-0/seals").toString());
            }
            App first = apps.get(0);
            Caller counsellor = first.directory().users(DemoData.NORWEGIAN_ORGANISATION).stream()
                    .filter(user -> user.username().equals("veileder")).findFirst().orElseThrow().asCaller();
            Case owner = first.cases().open(counsellor, new NewCase(new NewCase.NewParticipant("Åse Bjørnstad Ødegård",
                    LocalDate.of(1990, 4, 5)), "AFT", null, LocalDate.of(2026, 1, 5)));
            String path = "/api/cases/" + owner.id() + "/documents";
            List<CreateBenchmark.Client> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(CreateBenchmark.Client.login("http://localhost:" + apps.get(c % nodes).port(), "veileder", PASSWORD));
            }
            for (int i = 0; i < WARMUP; i++) {
                clients.get(i % clients.size()).create(path);
            }
            double[] single = new double[SINGLE];
            for (int i = 0; i < SINGLE; i++) {
                long start = System.nanoTime();
                clients.get(0).create(path);
                single[i] = (System.nanoTime() - start) / 1e6;
            }
            CreateBenchmark.Burst burst = CreateBenchmark.Burst.of(clients, PER_CLIENT, path);
            System.out.printf("%n%s%n", name);
            CreateBenchmark.print("  create, 1 client (" + SINGLE + ")", single);
            CreateBenchmark.print("  create, " + CLIENTS + " clients over " + nodes + " node(s) (" + burst.millis().length + ")",
                    burst.millis());
            System.out.printf("    = %.1f documents/s, %d errors%n", burst.millis().length / burst.seconds(), burst.errors());
            sweep(first, counsellor, owner, swept);
        } finally {
            for (App app : apps) {
                app.close();
            }
            BenchFiles.deleteTree(root);
        }
    }

    /** Imports the documents into the case, makes them due and runs the sweep on the first node: disposals per second. */
    private static void sweep(App app, Caller counsellor, Case owner, int count) {
        long start = System.nanoTime();
        List<Archive.Import> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            batch.add(new Archive.Import(new Document(id, DemoData.NORWEGIAN_ORGANISATION, owner.id(), "progress-report",
                    "progress-report", 1, "nb", 2, "draft", LocalDate.of(2026, 3, 1), counsellor.userId(), "2026-03-01T10:00:00Z",
                    List.of()), VersionContent.of(("Rapport " + id).getBytes(StandardCharsets.UTF_8), "text/plain"), "bench"));
            if (batch.size() == 500) {
                app.archive().importAll(batch);
                batch.clear();
            }
        }
        app.archive().importAll(batch);
        app.indexer().sync(Duration.ofSeconds(120));
        double imported = (System.nanoTime() - start) / 1e9;
        app.cases().recordEvent(counsellor, owner.id(), "final-report-received", LocalDate.now().minusDays(1));
        Caller leader = app.directory().users(DemoData.NORWEGIAN_ORGANISATION).stream()
                .filter(user -> user.username().equals("leder")).findFirst().orElseThrow().asCaller();
        start = System.nanoTime();
        SweepReport report = app.sweeps().sweep(leader, false);
        double swept = (System.nanoTime() - start) / 1e9;
        int disposed = report.shredded() + report.anonymised();
        System.out.printf("  import of %,d documents: %.1f s (%.0f/s); sweep: %,d disposed of in %.1f s = %.0f disposals/s%n", count,
                imported, count / imported, disposed, swept, disposed / swept);
    }
}
