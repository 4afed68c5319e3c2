package no.mappe.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import no.mappe.app.App;
import no.mappe.archive.Archive;
import no.mappe.archive.Document;
import no.mappe.archive.MasterKey;
import no.mappe.archive.Uploads;
import no.mappe.archive.VersionContent;
import no.mappe.bench.SearchQualityCorpus.CorpusDocument;
import no.mappe.bench.SearchQualityCorpus.LabelledQuery;
import no.mappe.bench.SearchQualityCorpus.ParticipantCase;
import no.mappe.bench.SearchQualityCorpus.Provider;
import no.mappe.cases.NewCase;
import no.mappe.config.Config;
import no.mappe.errors.MappeException;
import no.mappe.people.NewOrganisation;
import no.mappe.people.NewPerson;
import no.mappe.people.Organisations;
import no.mappe.search.SearchService;
import no.mappe.security.Caller;
import no.mappe.security.Role;

/**
 * Search quality on a labelled corpus ({@link SearchQualityCorpus}, bench/resources/search-quality):
 * the documents go in through the real path (a fresh data directory, organisations, people and cases
 * made by the services, documents imported into the archive and taken into the index by the indexer
 * through the outbox), and every query runs through {@link SearchService#search} as the leader of
 * the query's organisation (or as a counsellor, for access). Prints precision and recall per category
 * and overall, every miss, and the time per query. Exits 0 whatever the figures: it measures.
 *
 * <p>Per query: precision = |hits ∩ expected| / |hits| and recall = |hits ∩ expected| / |expected|;
 * a query with no hits has precision 1 (it returned nothing wrong), a query expecting nothing has
 * recall 1 (it can miss nothing) and precision 0 as soon as it returns anything. Category and overall
 * figures are the means over their queries.
 */
public final class SearchQualityBenchmark {

    private static final double TARGET_OVERALL = 0.97;
    private static final double TARGET_CATEGORY = 0.90;
    private static final int MAX_HITS = SearchService.MAX_PAGE;

    private SearchQualityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = args.length > 0 ? Path.of(args[0]) : SearchQualityCorpus.DEFAULT_ROOT;
        SearchQualityCorpus corpus = SearchQualityCorpus.load(root);
        List<String> problems = corpus.problems();
        if (!problems.isEmpty()) {
            System.out.println("The corpus is malformed; fix it first:");
            problems.forEach(problem -> System.out.println("  " + problem));
            return;
        }
        Path dir = Files.createTempDirectory("mappe-bench-search-quality");
        System.out.printf("Mappe search quality: %d documents, %d queries, %s; data in %s%n", corpus.documents().size(),
                corpus.queries().size(), root, dir);
        Path keyFile = dir.resolve("key").resolve("master.key"); // outside the data directory, as in production
        Files.createDirectories(keyFile.getParent());
        MasterKey.loadOrCreate(keyFile);
        Config config = Config.from(Map.of("MAPPE_DATA_DIR", dir.resolve("data").toString(), "MAPPE_MASTER_KEY_FILE", keyFile.toString(),
                "MAPPE_PORT", "0", "MAPPE_SWEEP_AT", "off"));
        try (App app = App.build(config).start().awaitDemoDocuments()) {
            World world = World.build(app, corpus);
            SearchService search = new SearchService(app.index(), app.indexer(), app.cases(), app.documents(), app.directory(),
                    app.profiles(), app.audit(), Clock.systemUTC());
            corpus.queries().forEach(query -> run(search, world, query)); // warm-up, not measured
            List<Outcome> outcomes = corpus.queries().stream().map(query -> run(search, world, query)).toList();
            report(outcomes);
        } finally {
            BenchFiles.deleteTree(dir); // the corpus is made up, but leave no copies of it behind
        }
    }

    /** What one query found and how long SearchService took (access checks, titles and snippets included). */
    private record Outcome(LabelledQuery query, List<String> hits, String error, double millis) {

        Set<String> found() {
            Set<String> found = new LinkedHashSet<>(hits);
            found.retainAll(query.expected());
            return found;
        }

        double precision() {
            return hits.isEmpty() ? 1.0 : (double) found().size() / hits.size();
        }

        double recall() {
            return query.expected().isEmpty() ? 1.0 : (double) found().size() / query.expected().size();
        }

        Set<String> missing() {
            Set<String> missing = new TreeSet<>(query.expected());
            missing.removeAll(hits);
            return missing;
        }

        Set<String> unexpected() {
            Set<String> unexpected = new TreeSet<>(hits);
            unexpected.removeAll(query.expected());
            return unexpected;
        }

        boolean perfect() {
            return error == null && missing().isEmpty() && unexpected().isEmpty();
        }
    }

    private static Outcome run(SearchService search, World world, LabelledQuery query) {
        Caller caller = world.callers().get(query.language() + "/" + query.as());
        Map<String, String> filters = new LinkedHashMap<>();
        query.filters().forEach((key, value) -> filters.put(key, "counsellor".equals(key) ? world.userIds().get(value) : value));
        long start = System.nanoTime();
        try {
            SearchService.SearchResult result = search.search(caller, query.text(), filters, 0, MAX_HITS);
            double millis = (System.nanoTime() - start) / 1e6;
            List<String> hits = result.documents().stream().map(hit -> world.corpusIds().getOrDefault(hit.document().id(),
                    "(not in the corpus) " + hit.document().id())).toList();
            return new Outcome(query, hits, null, millis);
        } catch (MappeException e) {
            // A refused query (a 400 in the app) is a query that found nothing, and says why.
            return new Outcome(query, List.of(), e.getClass().getSimpleName() + ": " + e.getMessage(), (System.nanoTime() - start) / 1e6);
        }
    }

    private static void report(List<Outcome> outcomes) {
        Map<String, List<Outcome>> byCategory = new LinkedHashMap<>();
        SearchQualityCorpus.CATEGORIES.forEach(category -> byCategory.put(category, new ArrayList<>()));
        outcomes.forEach(outcome -> byCategory.get(outcome.query().category()).add(outcome));
        System.out.println();
        System.out.printf("%-18s %7s %9s %7s %8s%n", "category", "queries", "precision", "recall", "perfect");
        boolean categoriesMet = true;
        for (Map.Entry<String, List<Outcome>> category : byCategory.entrySet()) {
            List<Outcome> in = category.getValue();
            double precision = mean(in, true);
            double recall = mean(in, false);
            categoriesMet &= precision >= TARGET_CATEGORY && recall >= TARGET_CATEGORY;
            System.out.printf("%-18s %7d %9.3f %7.3f %8d%s%n", category.getKey(), in.size(), precision, recall,
                    in.stream().filter(Outcome::perfect).count(), precision < TARGET_CATEGORY || recall < TARGET_CATEGORY ? "   < 0.9" : "");
        }
        double precision = mean(outcomes, true);
        double recall = mean(outcomes, false);
        System.out.printf("%-18s %7d %9.3f %7.3f %8d%n", "overall", outcomes.size(), precision, recall,
                outcomes.stream().filter(Outcome::perfect).count());
        System.out.println("(means over the queries; no hits counts as precision 1, expecting nothing as recall 1;"
                + " perfect: neither missing nor unexpected hits)");
        long expected = outcomes.stream().mapToLong(outcome -> outcome.query().expected().size()).sum();
        long found = outcomes.stream().mapToLong(outcome -> outcome.found().size()).sum();
        long unexpected = outcomes.stream().mapToLong(outcome -> outcome.unexpected().size()).sum();
        System.out.printf("over all queries: %d of %d expected hits found, %d unexpected hits%n", found, expected, unexpected);

        System.out.println();
        System.out.println("misses (query [category, organisation, as]: missing ids; unexpected ids):");
        outcomes.stream().filter(outcome -> !outcome.perfect()).forEach(outcome -> {
            LabelledQuery query = outcome.query();
            System.out.printf("  #%d \"%s\"%s [%s, %s, %s]%n", query.number(), query.text(),
                    query.filters().isEmpty() ? "" : " " + query.filters(), query.category(), query.language(), query.as());
            if (outcome.error() != null) {
                System.out.println("      refused: " + outcome.error());
            }
            if (!outcome.missing().isEmpty()) {
                System.out.println("      missing:    " + String.join(", ", outcome.missing()));
            }
            if (!outcome.unexpected().isEmpty()) {
                System.out.println("      unexpected: " + String.join(", ", outcome.unexpected()));
            }
        });

        double[] millis = outcomes.stream().mapToDouble(Outcome::millis).toArray();
        System.out.println();
        System.out.printf("time per query (SearchService.search, up to %d hits with titles and snippets): p50 %.2f ms, p95 %.2f ms%n",
                MAX_HITS, Percentiles.median(millis), Percentiles.percentile(millis, 95));
        boolean overallMet = precision >= TARGET_OVERALL && recall >= TARGET_OVERALL;
        System.out.printf("targets (precision and recall >= %.2f overall, no category below %.2f): %s%n", TARGET_OVERALL, TARGET_CATEGORY,
                overallMet && categoriesMet ? "MET" : "NOT MET" + (overallMet ? "" : " (overall)") + (categoriesMet ? "" : " (categories)"));
    }

    private static double mean(List<Outcome> outcomes, boolean precision) {
        return outcomes.stream().mapToDouble(outcome -> precision ? outcome.precision() : outcome.recall()).average().orElse(Double.NaN);
    }

    /**
     * The corpus made real: organisations with their leaders, counsellors and cases made by the
     * services, the documents imported into the archive and indexed through the outbox.
     *
     * @param callers   "nb/leader", "nb/hakon", ...: who a query runs as
     * @param userIds   counsellor key to user id, for the counsellor filter
     * @param corpusIds archive document id to corpus id
     */
    private record World(Map<String, Caller> callers, Map<String, String> userIds, Map<String, String> corpusIds) {

        static World build(App app, SearchQualityCorpus corpus) {
            Map<String, Caller> callers = new HashMap<>();
            Map<String, String> userIds = new HashMap<>();
            Map<String, String> caseIds = new HashMap<>();
            Map<String, String> organisationIds = new HashMap<>();
            for (Provider provider : corpus.providers()) {
                Organisations.Created created = app.organisations().create(new NewOrganisation(provider.name(), provider.country(),
                        provider.language(), provider.programmes(), provider.policy(),
                        new NewPerson(provider.leaderName(), "leader", provider.leaderUsername())), Organisations.OPERATOR);
                String organisationId = created.organisation().id();
                organisationIds.put(provider.key(), organisationId);
                Caller leader = new Caller(created.leader().id(), organisationId, Role.LEADER, provider.leaderName());
                callers.put(provider.language() + "/" + SearchQualityCorpus.LEADER, leader);
                for (SearchQualityCorpus.Counsellor counsellor : corpus.counsellors()) {
                    if (counsellor.organisation().equals(provider.key())) {
                        String id = app.people().add(leader, new NewPerson(counsellor.name(), "counsellor", counsellor.key())).person().id();
                        userIds.put(counsellor.key(), id);
                        callers.put(provider.language() + "/" + counsellor.key(), new Caller(id, organisationId, Role.COUNSELLOR,
                                counsellor.name()));
                    }
                }
                for (ParticipantCase participantCase : corpus.cases()) {
                    if (participantCase.organisation().equals(provider.key())) {
                        caseIds.put(provider.language() + "/" + participantCase.key(), app.cases().open(leader, new NewCase(
                                new NewCase.NewParticipant(participantCase.participant(), participantCase.born()),
                                participantCase.programme(), userIds.get(participantCase.counsellor()), participantCase.start())).id());
                    }
                }
                caseIds.put(provider.language() + "/" + SearchQualityCorpus.MINUTES,
                        app.cases().minutesBook(organisationId, provider.minutesLabel()).id());
            }
            Map<String, String> corpusIds = new HashMap<>();
            List<Archive.Import> imports = new ArrayList<>();
            Map<String, String> organisationOfLanguage = new HashMap<>();
            corpus.providers().forEach(provider -> organisationOfLanguage.put(provider.language(), organisationIds.get(provider.key())));
            for (CorpusDocument source : corpus.documents()) {
                String id = UUID.randomUUID().toString();
                corpusIds.put(id, source.id());
                boolean upload = Uploads.DOCUMENT_TYPE.equals(source.type());
                Document document = new Document(id, organisationOfLanguage.get(source.language()),
                        caseIds.get(source.language() + "/" + source.caseKey()), source.type(), source.type(), upload ? 0 : 1,
                        source.language(), source.access(), source.status(), source.date(), userIds.get(source.counsellor()),
                        source.date() + "T09:00:00Z", List.of());
                // The text is kept as the text the document was read by, as for an upload; the stored file is the same text.
                byte[] content = source.text().getBytes(StandardCharsets.UTF_8);
                imports.add(new Archive.Import(document, VersionContent.of(content, "text/plain").withExtractedText(source.text()),
                        "search-quality corpus"));
            }
            app.archive().importAll(imports);
            if (!app.indexer().sync(Duration.ofSeconds(60))) {
                throw new IllegalStateException("The indexer did not take in the corpus within 60 s");
            }
            return new World(callers, userIds, corpusIds);
        }
    }
}
