package no.mappe.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import no.mappe.config.SearchLocation;
import no.mappe.search.IndexedDocument;
import no.mappe.search.OpenSearchIndex;
import no.mappe.search.SearchEngine;
import no.mappe.search.SearchIndex;
import no.mappe.search.SearchQuery;
import no.mappe.testing.OpenSearchServer;

/**
 * Search on the cluster beside the local index: N documents (default 100,000) of the archive benchmark's kind
 * (about two pages of Norwegian text, 2 organisations, 50 counsellors) go into a local Lucene index and into an
 * OpenSearch 2.19 node (started here, in its own JVM, heap {@code -Dmappe.opensearch.heap}, default 384m), index
 * only (no blobs, no database); then the archive benchmark's three queries, 300 of each, on both. Prints the
 * build rate of each and p50/p95 per query. The cluster shares the machine's cores with Mappe here.
 */
public final class SearchClusterBenchmark {

    private static final int BATCH = 1_000;
    private static final int QUERIES = 300;

    private SearchClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("mappe-bench-search-cluster");
        OpenSearchServer server = OpenSearchServer.shared();
        System.out.printf("Mappe search, local Lucene beside OpenSearch 2.19 (%s): %,d documents, %d cores, Java %s%n", server.url(),
                documents, Runtime.getRuntime().availableProcessors(), Runtime.version());
        SearchLocation.OpenSearch location = new SearchLocation.OpenSearch(server.url(), "bench-" + UUID.randomUUID().toString()
                .substring(0, 8), Optional.empty(), Optional.empty());
        try (SearchIndex local = SearchIndex.open(dir.resolve("index"));
             OpenSearchIndex cluster = OpenSearchIndex.open(location, SearchIndex.lock(dir.resolve("lock")))) {
            int cases = Math.max(2, documents / 20);
            List<String> names = names(cases);
            Random random = new Random(2026);
            double[] build = new double[2];
            List<IndexedDocument> batch = new ArrayList<>(BATCH);
            long start = System.nanoTime();
            for (int i = 0; i < documents; i++) {
                int caseNumber = i % cases;
                String organisation = caseNumber % 2 == 0 ? "org-a" : "org-b";
                String counsellor = "c" + (caseNumber % 50);
                LocalDate date = LocalDate.of(2019 + i % 8, 1 + i % 12, 1 + i % 28);
                String type = i % 4 == 0 ? "consent" : i % 4 == 1 ? "plan" : "progress-report";
                batch.add(new IndexedDocument(UUID.randomUUID().toString(), organisation, "case-" + caseNumber, counsellor, 1 + i % 3, "nb",
                        type, caseNumber % 3 == 0 ? "VTA" : "AFT", "draft", date, names.get(caseNumber) + "\nVeileder " + counsellor,
                        ArchiveSearchBenchmark.text(random, 800), caseNumber % 4 == 0 ? "dated" : "waiting",
                        caseNumber % 4 == 0 ? date.plusYears(1) : null, i + 1));
                if (batch.size() == BATCH || i == documents - 1) {
                    long t = System.nanoTime();
                    local.stage(batch, List.of(), i + 1);
                    build[0] += (System.nanoTime() - t) / 1e9;
                    t = System.nanoTime();
                    cluster.apply(batch, List.of(), i + 1);
                    build[1] += (System.nanoTime() - t) / 1e9;
                    batch.clear();
                    if ((i + 1) % 50_000 == 0) {
                        System.out.printf("  %,d documents in %.0f s%n", i + 1, (System.nanoTime() - start) / 1e9);
                    }
                }
            }
            local.commit();
            System.out.printf("build: local %.0f documents/s, cluster %.0f documents/s (each alone, the analysis included)%n",
                    documents / build[0], documents / build[1]);

            Set<String> counsellorCases = new HashSet<>();
            for (int c = 7; c < cases; c += 50) {
                counsellorCases.add("case-" + c);
            }
            for (SearchEngine engine : List.of(local, cluster)) {
                measure(engine == local ? "local Lucene" : "OpenSearch", engine, names, counsellorCases);
            }
            System.out.printf("local index on disk: %.0f MB; cluster index: %,d entries%n",
                    ArchiveSearchBenchmark.size(dir.resolve("index")) / 1e6, cluster.size());
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    private static void measure(String name, SearchEngine engine, List<String> names, Set<String> counsellorCases) {
        Random random = new Random(11);
        String[] words = ArchiveSearchBenchmark.WORDS;
        for (int warm = 0; warm < 100; warm++) {
            engine.search(new SearchQuery("org-a", words[random.nextInt(words.length)], null, 4, Map.of(), 0, 20));
        }
        double[] broad = new double[QUERIES];
        double[] byName = new double[QUERIES];
        double[] filtered = new double[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            long t = System.nanoTime();
            engine.search(new SearchQuery("org-a", words[random.nextInt(words.length)], null, 4, Map.of(), 0, 20));
            broad[q] = (System.nanoTime() - t) / 1e6;
            String who = names.get(2 * random.nextInt(names.size() / 2));
            t = System.nanoTime();
            engine.search(new SearchQuery("org-a", "\"" + who + "\"", null, 4, Map.of(), 0, 20));
            byName[q] = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            engine.search(new SearchQuery("org-b", words[random.nextInt(words.length)], counsellorCases, 3, Map.of("type", "plan"), 0, 20));
            filtered[q] = (System.nanoTime() - t) / 1e6;
        }
        System.out.println(name + ":");
        ArchiveSearchBenchmark.print("  (a) broad one-word query, whole organisation, 6 facets", broad);
        ArchiveSearchBenchmark.print("  (b) selective name query (phrase)", byName);
        ArchiveSearchBenchmark.print("  (c) counsellor's query: own cases, level <= 3, type filter", filtered);
    }

    private static List<String> names(int cases) {
        Random random = new Random(7);
        List<String> names = new ArrayList<>(cases);
        for (int c = 0; c < cases; c++) {
            names.add(ArchiveSearchBenchmark.FIRST[random.nextInt(ArchiveSearchBenchmark.FIRST.length)] + " "
                    + ArchiveSearchBenchmark.LAST[random.nextInt(ArchiveSearchBenchmark.LAST.length)] + " "
                    + ArchiveSearchBenchmark.LAST[random.nextInt(ArchiveSearchBenchmark.LAST.length)]);
        }
        return names;
    }
}
