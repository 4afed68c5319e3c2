package no.mappe.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import no.mappe.app.App;
import no.mappe.archive.Archive;
import no.mappe.archive.Document;
import no.mappe.archive.MasterKey;
import no.mappe.archive.VersionContent;
import no.mappe.cases.Participants;
import no.mappe.config.Config;
import no.mappe.db.Sql;
import no.mappe.demo.DemoData;

/**
 * The pages as a browser gets them, over HTTP on localhost: p50/p95 of the main pages with the demo
 * data, then of the search page after N more documents (default 1,000,000; {@code bench/run pages
 * 100000} for a quicker look) were imported through the archive and index layers into the
 * Norwegian demo organisation.
 */
public final class PagesBenchmark {

    private static final String PASSWORD = "bench-Passord-1";
    private static final int RUNS = 200;
    private static final int BATCH = 1_000;
    private static final String[] WORDS = ("arbeid trening lager kantine verksted oppmøte fremgang mål tiltak veileder rapport plan "
            + "kurs praksis sveising renhold butikk helse motivasjon samarbeid oppfølging vurdering kvalifisering").split(" ");

    private PagesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("mappe-bench-pages");
        System.out.printf("Mappe pages benchmark: demo data, then %,d more documents; %d cores, Java %s, data in %s%n", documents,
                Runtime.getRuntime().availableProcessors(), Runtime.version(), dir);
        Config config = Config.from(Map.of("MAPPE_DATA_DIR", dir.toString(), "MAPPE_PORT", "0", "MAPPE_DEMO", "true",
                "MAPPE_DEMO_PASSWORD", PASSWORD, "MAPPE_SWEEP_AT", "off"));
        try (App app = App.build(config).start().awaitDemoDocuments()) {
            String base = "http://localhost:" + app.port();
            Client counsellor = Client.login(base, "veileder");
            Client leader = Client.login(base, "leder");
            String caseId = "7d1f0c3e-0000-4000-9000-000000000201";
            String documentId = app.archive().listByCase(DemoData.NORWEGIAN_ORGANISATION, caseId).get(0).id();
            System.out.println("with the demo data (ms, server and localhost HTTP):");
            measure("GET /cases (counsellor)", () -> counsellor.get("/cases"));
            measure("GET /cases/{id}", () -> counsellor.get("/cases/" + caseId));
            measure("GET /documents/{id}", () -> counsellor.get("/documents/" + documentId));
            measure("GET /cases/{id}/new/plan (form)", () -> counsellor.get("/cases/" + caseId + "/new/plan"));
            measure("POST /search (leader, one word)", () -> leader.search("samarbeid"));
            measure("GET /retention (leader)", () -> leader.get("/retention"));
            measure("GET /statistics (leader)", () -> leader.get("/statistics"));
            measure("GET /overview (leader)", () -> leader.get("/overview"));
            measure("GET /complaints (leader)", () -> leader.get("/complaints"));
            measure("GET /organisation/profile (leader)", () -> leader.get("/organisation/profile"));
            for (int i = 0; i < 20; i++) { // a year and a half of monthly minutes
                check("POST /api/minutes", counsellor.postJson("/api/minutes", """
                        {"fields": {"meetingType": "avdelingsmote", "meetingDate": "2026-%02d-15", "attendees": ["H.Å.", "Ø.B."],
                         "items": [{"topic": "Sak %d", "notes": "Gjennomgang av rutiner."}]}, "accessLevel": 2}"""
                        .formatted(1 + i % 11, i)), 201);
            }
            measure("GET /minutes (counsellor, 20 minutes)", () -> counsellor.get("/minutes"));

            long start = System.nanoTime();
            importDocuments(app, documents);
            System.out.printf("imported %,d documents in %.0f s%n", documents, (System.nanoTime() - start) / 1e9);
            System.out.printf("with %,d documents more:%n", documents);
            Random random = new Random(5);
            measure("POST /search (leader, broad word, 6 facets, snippets)", () -> leader.search(WORDS[random.nextInt(WORDS.length)]));
            measure("POST /search (leader, a name)", () -> leader.search("\"Deltaker " + random.nextInt(documents / 20) + "\""));
            measure("POST /search (counsellor, own cases)", () -> counsellor.search(WORDS[random.nextInt(WORDS.length)]));
            measure("GET /cases/{id} (counsellor)", () -> counsellor.get("/cases/" + caseId));
            measure("GET /cases (leader, " + (documents / 20 + 6) + " cases, the first 50 read)", () -> leader.get("/cases"));
            measure("GET /overview (leader, across " + (documents / 20 + 6) + " cases)", () -> leader.get("/overview"));
        }
    }

    /** Cases of 20 documents each for the two Norwegian demo counsellors, with text kept as extracted text (for snippets). */
    private static void importDocuments(App app, int documents) {
        String organisation = DemoData.NORWEGIAN_ORGANISATION;
        Participants participants = new Participants(MasterKey.load(app.config().dataDir().resolve("master.key")));
        List<String> counsellors = List.of("7d1f0c3e-0000-4000-9000-000000000002", "7d1f0c3e-0000-4000-9000-000000000003");
        int cases = Math.max(1, documents / 20);
        app.database().update(connection -> {
            for (int c = 0; c < cases; c++) {
                participants.insert(connection, "bench-p" + c, organisation, "Deltaker " + c, LocalDate.of(1980, 1, 1));
                Sql.execute(connection, "INSERT INTO cases (id, organisation_id, participant_id, programme, counsellor_id, start_date,"
                        + " created_at) VALUES (?, ?, ?, 'AFT', ?, '2024-01-01', '2024-01-01T00:00:00Z')", "bench-case-" + c,
                        organisation, "bench-p" + c, counsellors.get(c % 2));
            }
        });
        Random random = new Random(2026);
        List<Archive.Import> imports = new ArrayList<>(BATCH);
        for (int i = 0; i < documents; i++) {
            int caseNumber = i % cases;
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 600; w++) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ". " : " ");
            }
            String id = UUID.randomUUID().toString();
            LocalDate date = LocalDate.of(2020 + i % 6, 1 + i % 12, 1 + i % 28);
            // one in twenty still waits for signatures, as in a working archive
            Document document = new Document(id, organisation, "bench-case-" + caseNumber, "progress-report", "progress-report", 1, "nb",
                    2, i % 20 == 0 ? "draft" : "signed", date, counsellors.get(caseNumber % 2), date + "T10:00:00Z", List.of());
            imports.add(new Archive.Import(document, VersionContent.of("x".getBytes(StandardCharsets.UTF_8), "text/plain")
                    .withExtractedText(text.toString()), "benchmark"));
            if (imports.size() == BATCH || i == documents - 1) {
                app.archive().importAll(imports); // the running indexer takes them into the index through the outbox
                imports.clear();
                if ((i + 1) % 100_000 == 0) {
                    System.out.printf("  %,d documents%n", i + 1);
                }
            }
        }
        while (!app.indexer().sync(java.time.Duration.ofSeconds(60))) {
            System.out.printf("  indexing: %,d outbox entries applied%n", app.indexer().appliedSeq());
        }
    }

    @FunctionalInterface
    private interface Page {
        int load() throws Exception;
    }

    private static void measure(String what, Page page) throws Exception {
        for (int i = 0; i < 30; i++) {
            check(what, page.load());
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            check(what, page.load());
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        System.out.printf("  %-58s p50 %7.2f ms   p95 %7.2f ms%n", what, Percentiles.median(millis), Percentiles.percentile(millis, 95));
    }

    private static void check(String what, int status) {
        check(what, status, 200);
    }

    private static void check(String what, int status, int expected) {
        if (status != expected) {
            throw new IllegalStateException(what + " answered " + status);
        }
    }

    /** A browser's session: the cookie from login and the CSRF token for forms. */
    private record Client(HttpClient http, String base, String csrf) {

        static Client login(String base, String username) throws IOException, InterruptedException {
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\": \"" + username + "\", \"password\": \"" + PASSWORD + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String csrf = login.body().replaceAll(".*\"csrfToken\":\"([^\"]+)\".*", "$1");
            return new Client(http, base, csrf);
        }

        int get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }

        int postJson(String path, String json) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        int search(String words) throws IOException, InterruptedException {
            String form = "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&q=" + URLEncoder.encode(words, StandardCharsets.UTF_8);
            return http.send(HttpRequest.newBuilder(URI.create(base + "/search")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
