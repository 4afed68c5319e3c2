package no.mappe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import no.mappe.app.App;
import no.mappe.archive.NewDocument;
import no.mappe.cases.Case;
import no.mappe.cases.NewCase;
import no.mappe.config.Config;
import no.mappe.demo.DemoData;
import no.mappe.search.IndexedDocument;
import no.mappe.search.SearchIndex;
import no.mappe.search.SearchQuery;
import no.mappe.security.Caller;
import no.mappe.security.User;

/**
 * The walking skeleton's hot paths, measured in-process on a throw-away data directory:
 * (1) generating a consent form end to end (validate, fill, render PDF/A, encrypt, store, audit,
 * index outbox), then the same until it is searchable (the indexer has committed it), and the
 * throughput of several writers at once with the indexer batching their commits; (2) searching an
 * index of at least 10,000 documents with access filters and facets.
 * Prints median and p95 milliseconds. Run with {@code bench/run}.
 */
public final class SkeletonBenchmark {

    private static final int WARMUP_DOCUMENTS = 30;
    private static final int MEASURED_DOCUMENTS = 200;
    private static final int INDEXED_DOCUMENTS = 10_000;
    private static final int QUERIES = 1_000;

    private static final String[] WORDS = ("arbeid trening lager kantine verksted snekker oppmøte fremgang mål tiltak veileder "
            + "rapport samtykke plan kompetanse kurs truckførerbevis sveising renhold butikk kasse regnskap data kundeservice "
            + "helse rygg angst søvn motivasjon praksis bedrift arbeidsgiver ansettelse lønn tilrettelegging hjelpemidler "
            + "samarbeid møte oppfølging evaluering sluttrapport deltaker rettigheter plikter klage taushetsplikt NAV fastlege "
            + "psykolog arbeidsevne vurdering avklaring kvalifisering utdanning fagbrev lærling sertifikat førerkort").split(" ");

    private SkeletonBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dataDir = Files.createTempDirectory("mappe-bench");
        System.out.println("Mappe walking-skeleton benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + Runtime.version() + ")");
        try (App app = App.build(Config.from(Map.of("MAPPE_DATA_DIR", dataDir.toString(), "MAPPE_DEMO", "true",
                "MAPPE_DEMO_PASSWORD", "bench", "MAPPE_SWEEP_AT", "off", "MAPPE_PORT", "0"))).start().awaitDemoDocuments()) {
            generation(app);
        }
        search(dataDir.resolve("search-bench-index"));
    }

    private static void generation(App app) {
        User counsellor = app.directory().users(DemoData.NORWEGIAN_ORGANISATION).stream()
                .filter(user -> user.username().equals("veileder")).findFirst().orElseThrow();
        Caller caller = counsellor.asCaller();
        Case owner = app.cases().open(caller, new NewCase(new NewCase.NewParticipant("Åse Bjørnstad Ødegård", LocalDate.of(1990, 4, 5)),
                "AFT", null, LocalDate.of(2026, 1, 5)));
        NewDocument consent = new NewDocument("consent", "nb", Map.of("recipients", List.of("NAV Gauldal", "Fastlegen", "Kommunen"),
                "purpose", "Oppfølging i tiltaket og samarbeid med NAV om arbeidsevnen."), null);
        long coldStart = System.nanoTime();
        app.documents().generate(caller, owner.id(), consent);
        double cold = (System.nanoTime() - coldStart) / 1e6;
        for (int i = 1; i < WARMUP_DOCUMENTS; i++) {
            app.documents().generate(caller, owner.id(), consent);
        }
        double[] times = new double[MEASURED_DOCUMENTS];
        for (int i = 0; i < MEASURED_DOCUMENTS; i++) {
            long start = System.nanoTime();
            app.documents().generate(caller, owner.id(), consent);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        print("consent form generated end to end (" + MEASURED_DOCUMENTS + " after " + WARMUP_DOCUMENTS + " warm-up; cold first "
                + String.format("%.0f", cold) + " ms)", times);
        for (int i = 0; i < MEASURED_DOCUMENTS; i++) {
            long start = System.nanoTime();
            app.documents().generate(caller, owner.id(), consent);
            app.indexer().sync(java.time.Duration.ofSeconds(30));
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        print("consent form generated and searchable (indexer committed it)", times);
        int writers = 8;
        int each = 40;
        long start = System.nanoTime();
        try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers)) {
            for (int w = 0; w < writers; w++) {
                pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        app.documents().generate(caller, owner.id(), consent);
                    }
                });
            }
        }
        app.indexer().sync(java.time.Duration.ofSeconds(60));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d writers at once, %d consent forms until all searchable: %.1f s = %.1f documents/s%n", writers,
                writers * each, seconds, writers * each / seconds);
    }

    private static void search(Path indexDir) {
        Random random = new Random(42);
        List<String> counsellorCases = new ArrayList<>();
        try (SearchIndex index = SearchIndex.open(indexDir)) {
            List<IndexedDocument> batch = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < INDEXED_DOCUMENTS; i++) {
                String organisation = i % 2 == 0 ? "org-a" : "org-b";
                String caseId = "case-" + (i % 2_000);
                if (i % 2 == 0 && i % 50 == 0 && counsellorCases.size() < 40) {
                    counsellorCases.add(caseId);
                }
                batch.add(new IndexedDocument("doc-" + i, organisation, caseId, "counsellor-" + (i % 50), 1 + random.nextInt(3),
                        "nb", i % 3 == 0 ? "consent" : "progress-report", i % 4 == 0 ? "VTA" : "AFT", "draft", LocalDate.of(2020 + i % 7, 1 + i % 12, 1 + i % 28),
                        "Deltaker " + i, text(random, 600), "waiting", null));
                if (batch.size() == 1_000) {
                    index.indexAll(batch);
                    batch.clear();
                }
            }
            index.indexAll(batch);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("indexed %,d documents (~600 words each) in %.1f s: %.0f documents/s%n", INDEXED_DOCUMENTS, seconds,
                    INDEXED_DOCUMENTS / seconds);

            for (int i = 0; i < 200; i++) {
                index.search(query("org-a", WORDS[random.nextInt(WORDS.length)], null, 4));
            }
            double[] leader = new double[QUERIES];
            double[] counsellor = new double[QUERIES];
            for (int i = 0; i < QUERIES; i++) {
                String words = WORDS[random.nextInt(WORDS.length)] + (i % 2 == 0 ? " " + WORDS[random.nextInt(WORDS.length)] : "");
                long begin = System.nanoTime();
                index.search(query("org-a", words, null, 4));
                leader[i] = (System.nanoTime() - begin) / 1e6;
                begin = System.nanoTime();
                index.search(query("org-a", words, Set.copyOf(counsellorCases), 3));
                counsellor[i] = (System.nanoTime() - begin) / 1e6;
            }
            print("search over " + INDEXED_DOCUMENTS + " documents, leader (whole organisation, 4 facets)", leader);
            print("search over " + INDEXED_DOCUMENTS + " documents, counsellor (40 cases, level <= 3, 4 facets)", counsellor);
        }
    }

    private static SearchQuery query(String organisation, String words, Set<String> cases, int level) {
        return new SearchQuery(organisation, words, cases, level, Map.of(), 0, 20);
    }

    private static String text(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(i % 12 == 11 ? ". " : " ");
        }
        return text.toString();
    }

    private static void print(String what, double[] millis) {
        System.out.printf("%-95s median %7.2f ms   p95 %7.2f ms%n", what, Percentiles.median(millis), Percentiles.percentile(millis, 95));
    }
}
