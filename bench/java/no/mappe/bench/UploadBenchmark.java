package no.mappe.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import no.mappe.app.App;
import no.mappe.config.Config;

/**
 * Uploads of small text documents (1-100 KB) through the real path, over HTTP on localhost: the
 * request, text extraction in the warm extractor children, encryption, the database and the index
 * outbox. N uploads (default 1,000) with 4, 8 and 16 concurrent clients; prints uploads/s and p50/p95
 * per upload, and how many were told to come back (429, honoured by waiting Retry-After).
 */
public final class UploadBenchmark {

    private static final String PASSWORD = "bench-Passord-1";
    private static final String[] WORDS = ("brev vedtak arbeidsavklaringspenger oppfølging praksisplass kantine verksted møtereferat "
            + "tiltak veileder rapport plan kurs sveising renhold butikk helse motivasjon samarbeid kvalifisering Heimdal Ørsta")
            .split(" ");

    private UploadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int uploads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        Path dir = Files.createTempDirectory("mappe-bench-uploads");
        Config config = Config.from(Map.of("MAPPE_DATA_DIR", dir.toString(), "MAPPE_PORT", "0", "MAPPE_DEMO", "true",
                "MAPPE_DEMO_PASSWORD", PASSWORD, "MAPPE_SWEEP_AT", "off"));
        System.out.printf("Mappe upload benchmark: %,d text uploads (1-100 KB) per round; %d cores, Java %s; %d extractor children,"
                + " queue %d%n", uploads, Runtime.getRuntime().availableProcessors(), Runtime.version(), config.extraction().children(),
                config.extraction().queue());
        List<byte[]> files = files(uploads);
        try (App app = App.build(config).start().awaitDemoDocuments()) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (app.textExtractor().ready() < config.extraction().children() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String base = "http://localhost:" + app.port();
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\": \"veileder\", \"password\": \"" + PASSWORD + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String csrf = login.body().replaceAll(".*\"csrfToken\":\"([^\"]+)\".*", "$1");
            String cases = http.send(HttpRequest.newBuilder(URI.create(base + "/api/cases")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String caseId = cases.replaceFirst("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
            URI target = URI.create(base + "/api/cases/" + caseId + "/uploads?accessLevel=3");
            System.out.printf("extractor children, warm and idle: %s%n", childrenMemory(app));
            round(http, csrf, target, files.subList(0, Math.min(50, uploads)), 4, false); // the JIT's first look at the path
            for (int clients : new int[] {4, 8, 16}) {
                round(http, csrf, target, files, clients, true);
            }
            Thread.sleep(5_000);
            System.out.printf("extractor children, 5 s after the last round: %s%n", childrenMemory(app));
        }
    }

    /** The resident memory of each extractor child, as the system counts it. */
    private static String childrenMemory(App app) throws java.io.IOException {
        List<String> each = new ArrayList<>();
        for (ProcessHandle child : app.textExtractor().processes()) {
            each.add(StartupBenchmark.residentMegabytes(child.pid()) + " MB");
        }
        return String.join(", ", each);
    }

    private static void round(HttpClient http, String csrf, URI target, List<byte[]> files, int clients, boolean print)
            throws Exception {
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger busy = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                    long begin = System.nanoTime();
                    while (true) {
                        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(target).header("Content-Type", "text/plain")
                                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofByteArray(files.get(i))).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 201) {
                            break;
                        }
                        if (response.statusCode() != 429 && response.statusCode() != 503) {
                            throw new IllegalStateException("upload answered " + response.statusCode());
                        }
                        busy.incrementAndGet();
                        Thread.sleep(1000L * Integer.parseInt(response.headers().firstValue("Retry-After").orElse("1")));
                    }
                    nanos.add(System.nanoTime() - begin);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (print) {
            System.out.printf("%2d clients: %,6.1f uploads/s  p50 %6.1f ms  p95 %6.1f ms  (%,d uploads in %.1f s, %d told to come back)%n",
                    clients, files.size() / seconds, Percentiles.median(nanos) / 1e6, Percentiles.percentile(nanos, 95) / 1e6,
                    files.size(), seconds, busy.get());
        }
    }

    /** Letters of 1 to 100 KB of Norwegian words, each different. */
    private static List<byte[]> files(int count) {
        Random random = new Random(17);
        List<byte[]> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int size = 1024 + random.nextInt(99 * 1024);
            StringBuilder text = new StringBuilder("Brev nummer ").append(i).append('\n');
            while (text.length() < size) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(10) == 0 ? ".\n" : " ");
            }
            files.add(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }
}
