package no.mappe.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import no.mappe.app.App;
import no.mappe.archive.NewDocument;
import no.mappe.cases.Case;
import no.mappe.cases.NewCase;
import no.mappe.config.Config;
import no.mappe.demo.DemoData;
import no.mappe.security.Caller;

/**
 * Creating a document as a browser's script does it: the real service on a random port with a
 * throw-away data directory, a counsellor logged in, {@code POST /api/cases/{id}/documents} of a
 * consent form. Prints p50/p95 with one client, documents/s and p95 with 16 clients at once
 * (errors counted), and the in-process render alone (preview: fill and render, nothing stored).
 * Run with {@code bench/run create}.
 */
public final class CreateBenchmark {

    private static final String PASSWORD = "bench-Passord-1";
    private static final int WARMUP = Integer.getInteger("warmup", 60);
    private static final int CLIENTS = 16;
    private static final String CONSENT = """
            {"template": "consent", "fields": {"recipients": ["NAV Gauldal", "Fastlegen", "Kommunen"],
             "purpose": "Oppfølging i tiltaket og samarbeid med NAV om arbeidsevnen."}}""";

    private CreateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 300; // documents with one client, and renders
        int perClient = args.length > 1 ? Integer.parseInt(args[1]) : 40; // documents per client of the 16
        Path dir = Files.createTempDirectory("mappe-bench-create");
        System.out.printf("Mappe create benchmark: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(), Runtime.version());
        Config config = Config.from(Map.of("MAPPE_DATA_DIR", dir.toString(), "MAPPE_PORT", "0", "MAPPE_DEMO", "true",
                "MAPPE_DEMO_PASSWORD", PASSWORD, "MAPPE_SWEEP_AT", "off"));
        try (App app = App.build(config).start().awaitDemoDocuments()) {
            String base = "http://localhost:" + app.port();
            Caller caller = app.directory().users(DemoData.NORWEGIAN_ORGANISATION).stream()
                    .filter(user -> user.username().equals("veileder")).findFirst().orElseThrow().asCaller();
            Case owner = app.cases().open(caller, new NewCase(new NewCase.NewParticipant("Åse Bjørnstad Ødegård", LocalDate.of(1990, 4, 5)),
                    "AFT", null, LocalDate.of(2026, 1, 5)));
            String path = "/api/cases/" + owner.id() + "/documents";
            Client client = Client.login(base, "veileder");
            for (int i = 0; i < WARMUP; i++) {
                client.create(path);
            }
            double[] single = new double[count];
            long cpuBefore = processCpuNanos();
            ThreadCpu threadsBefore = ThreadCpu.now();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                client.create(path);
                single[i] = (System.nanoTime() - start) / 1e6;
            }
            print("create over HTTP, 1 client (" + count + ")", single);
            // CPU time of the whole process (server and client) per document: less at the mercy of other load than wall time.
            System.out.printf("  = %.1f documents/s, %.1f ms of CPU per document%n", count / (Arrays.stream(single).sum() / 1000),
                    (processCpuNanos() - cpuBefore) / 1e6 / count);
            ThreadCpu.now().printSince(threadsBefore, count, "document");

            List<Client> clients = new java.util.ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(Client.login(base, "veileder"));
            }
            long parallelCpu = processCpuNanos();
            ThreadCpu parallelThreads = ThreadCpu.now();
            Burst burst = Burst.of(clients, perClient, path);
            double[] parallel = burst.millis();
            print("create over HTTP, " + CLIENTS + " clients at once (" + parallel.length + ")", parallel);
            System.out.printf("  = %.1f documents/s, %d errors, %.1f ms of CPU per document%n", parallel.length / burst.seconds(),
                    burst.errors(),
                    (processCpuNanos() - parallelCpu) / 1e6 / parallel.length);
            ThreadCpu.now().printSince(parallelThreads, parallel.length, "document");
            if (!app.indexer().sync(Duration.ofSeconds(30))) {
                System.out.println("  the index did not catch up within 30 s");
            }

            NewDocument consent = new NewDocument("consent", "nb", Map.of("recipients", List.of("NAV Gauldal", "Fastlegen", "Kommunen"),
                    "purpose", "Oppfølging i tiltaket og samarbeid med NAV om arbeidsevnen."), null);
            double[] render = new double[count];
            long renderCpu = processCpuNanos();
            for (int i = 0; i < count; i++) {
                long begin = System.nanoTime();
                app.documents().preview(caller, owner.id(), consent);
                render[i] = (System.nanoTime() - begin) / 1e6;
            }
            print("in-process fill and render (preview, nothing stored)", render);
            System.out.printf("  %.1f ms of CPU per render%n", (processCpuNanos() - renderCpu) / 1e6 / count);
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static void print(String what, double[] millis) {
        System.out.printf("%-60s p50 %7.2f ms   p95 %7.2f ms%n", what, Percentiles.median(millis),
                Percentiles.percentile(millis, 95));
    }

    /** Every client creating {@code perClient} documents at once: each request's milliseconds, the failures, the wall time. */
    record Burst(double[] millis, int errors, double seconds) {

        static Burst of(List<Client> clients, int perClient, String path) {
            double[] millis = new double[clients.size() * perClient];
            AtomicInteger errors = new AtomicInteger();
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(clients.size())) {
                for (Client each : clients) {
                    pool.submit(() -> {
                        for (int i = 0; i < perClient; i++) {
                            long begin = System.nanoTime();
                            try {
                                each.create(path);
                            } catch (Exception e) {
                                errors.incrementAndGet();
                            }
                            millis[next.getAndIncrement()] = (System.nanoTime() - begin) / 1e6;
                        }
                    });
                }
            }
            return new Burst(millis, errors.get(), (System.nanoTime() - start) / 1e9);
        }
    }

    /** A logged-in browser session: its cookie and CSRF token. Also used by {@link ClusterBenchmark}. */
    record Client(HttpClient http, String base, String csrf) {

        static Client login(String base, String username) throws Exception {
            return login(base, username, PASSWORD);
        }

        static Client login(String base, String username, String password) throws Exception {
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String csrf = login.body().replaceAll(".*\"csrfToken\":\"([^\"]+)\".*", "$1");
            return new Client(http, base, csrf);
        }

        void create(String path) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString(CONSENT)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("create answered " + response.statusCode() + ": " + response.body());
            }
        }
    }
}
