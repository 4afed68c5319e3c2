package no.mappe.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import no.mappe.archive.Archive;
import no.mappe.archive.VersionContent;
import no.mappe.archive.BlobStore;
import no.mappe.archive.Document;
import no.mappe.archive.MasterKey;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.search.IndexedDocument;
import no.mappe.search.SearchIndex;
import no.mappe.search.SearchQuery;

/**
 * The archive at scale: N documents (default 1,000,000; {@code bench/run archive 100000} for a
 * quicker look) of about two pages of Norwegian text each, over 2 organisations and 50 counsellors,
 * imported through the archive (encrypted blobs, SQLite rows) and index layers, not rendered. Prints
 * build time and rate, p50/p95 of (a) a broad one-word query with facets, (b) a selective name query,
 * (c) a counsellor's filtered query, the index size on disk and the heap in use.
 */
public final class ArchiveSearchBenchmark {

    private static final int BATCH = 1_000;
    private static final int QUERIES = 300;
    static final String[] WORDS = ("arbeid arbeidet arbeider trening lager lageret kantine kantinen verksted snekker oppmøte "
            + "fremgang mål målene tiltak tiltaket veileder veilederen rapport rapporten rapporter samtykke plan planen kompetanse kurs "
            + "truckførerbevis sveising renhold butikk kasse regnskap kundeservice helse rygg ryggen angst søvn motivasjon praksis "
            + "praksisplass bedrift bedriften arbeidsgiver ansettelse lønn tilrettelegging hjelpemidler samarbeid møte møtet oppfølging "
            + "evaluering sluttrapport deltaker deltakeren rettigheter plikter klage taushetsplikt fastlege psykolog arbeidsevne "
            + "vurdering avklaring kvalifisering utdanning fagbrev lærling sertifikat førerkort pause lunsj fravær sykmelding "
            + "egenmelding arbeidstøy vernesko verneutstyr sikkerhet rutiner oppgaver ansvar selvstendig presis blid trivsel "
            + "kollegaer leder ledelsen avdeling produksjon pakking montering vedlikehold hage park vaktmester transport sjåfør "
            + "levering kjøkken matlaging oppvask resepsjon kontor data datakunnskap norsk norskkurs språk lesing skriving regning "
            + "framtid ønske interesse jobb jobbsøking cv intervju hospitering ordinær tilrettelagt").split(" ");
    static final String[] FIRST = ("Ingrid Kari Åse Marit Sigrid Solveig Liv Anne Hilde Eli Per Ola Øystein Lars Knut Bjørn "
            + "Arne Jon Tor Geir Hans Nils Kjell Terje Rune Siri Mona Trine Turid Gunnhild").split(" ");
    static final String[] LAST = ("Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Johnsen "
            + "Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl Jørgensen Halvorsen Henriksen Lund Sørensen "
            + "Jakobsen Moen Gundersen Iversen Strand Solberg Svendsen Eide Knutsen Martinsen Paulsen Bakken Kristoffersen Mathisen "
            + "Lie Amundsen Nguyen Rasmussen Ali Lunde Solheim Berge Moe Nygård Bakke Kristensen Fredriksen Holm Lien Hauge Christensen "
            + "Andresen Nielsen Knudsen Evensen Sæther Aas Myhre Hanssen Ahmed Haugland Thomassen Sivertsen Simonsen Danielsen Berntsen "
            + "Sandvik Rønning Arnesen Antonsen Næss Vik Ørjasæter Tveit Aasen Løvås Brænne Ødegård Ærøy").split(" ");

    private ArchiveSearchBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("mappe-bench-archive");
        Random random = new Random(2026);
        System.out.printf("Mappe archive and search benchmark: %,d documents, %d cores, Java %s, data in %s%n", documents,
                Runtime.getRuntime().availableProcessors(), Runtime.version(), dir);
        try (Database database = Database.open(dir.resolve("mappe.db"));
             SearchIndex index = SearchIndex.open(dir.resolve("index"))) {
            Archive archive = new Archive(database, new BlobStore(dir.resolve("blobs"), MasterKey.loadOrCreate(dir.resolve("master.key"))));
            World world = seed(database, documents);
            long start = System.nanoTime();
            List<Archive.Import> imports = new ArrayList<>(BATCH);
            List<IndexedDocument> indexed = new ArrayList<>(BATCH);
            for (int i = 0; i < documents; i++) {
                int caseNumber = i % world.cases();
                String organisation = caseNumber % 2 == 0 ? "org-a" : "org-b";
                String counsellor = "c" + (caseNumber % 50);
                String name = world.names().get(caseNumber);
                String text = text(random, 800);
                String id = UUID.randomUUID().toString();
                LocalDate date = LocalDate.of(2019 + i % 8, 1 + i % 12, 1 + i % 28);
                String type = i % 4 == 0 ? "consent" : i % 4 == 1 ? "plan" : "progress-report";
                Document document = new Document(id, organisation, "case-" + caseNumber, type, type, 1, "nb", 1 + i % 3, "draft", date,
                        counsellor, date + "T10:00:00Z", List.of());
                imports.add(new Archive.Import(document, VersionContent.of(text.getBytes(StandardCharsets.UTF_8), "text/plain"), "benchmark"));
                indexed.add(new IndexedDocument(id, organisation, "case-" + caseNumber, counsellor, document.accessLevel(), "nb", type,
                        caseNumber % 3 == 0 ? "VTA" : "AFT", "draft", date, name + "\nVeileder " + counsellor, text,
                        caseNumber % 4 == 0 ? "dated" : "waiting", caseNumber % 4 == 0 ? date.plusYears(1) : null));
                if (imports.size() == BATCH) {
                    archive.importAll(imports);
                    index.indexAll(indexed);
                    imports.clear();
                    indexed.clear();
                    if ((i + 1) % 50_000 == 0) {
                        System.out.printf("  %,d documents, %.0f/s%n", i + 1, (i + 1) / seconds(start));
                    }
                }
            }
            archive.importAll(imports);
            index.indexAll(indexed);
            double buildSeconds = seconds(start);
            System.out.printf("build: %,d documents in %.0f s: %.0f documents/s (archive + index)%n", documents, buildSeconds,
                    documents / buildSeconds);

            Set<String> counsellorCases = new HashSet<>();
            for (int c = 0; c < world.cases(); c++) {
                if (c % 50 == 7) {
                    counsellorCases.add("case-" + c);
                }
            }
            double[] broad = new double[QUERIES];
            double[] name = new double[QUERIES];
            double[] filtered = new double[QUERIES];
            for (int warm = 0; warm < 100; warm++) {
                index.search(new SearchQuery("org-a", WORDS[random.nextInt(WORDS.length)], null, 4, Map.of(), 0, 20));
            }
            for (int q = 0; q < QUERIES; q++) {
                long t = System.nanoTime();
                index.search(new SearchQuery("org-a", WORDS[random.nextInt(WORDS.length)], null, 4, Map.of(), 0, 20));
                broad[q] = (System.nanoTime() - t) / 1e6;
                String who = world.names().get(2 * random.nextInt(world.cases() / 2));
                t = System.nanoTime();
                index.search(new SearchQuery("org-a", "\"" + who + "\"", null, 4, Map.of(), 0, 20));
                name[q] = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                index.search(new SearchQuery("org-b", WORDS[random.nextInt(WORDS.length)], counsellorCases, 3,
                        Map.of("type", "plan"), 0, 20));
                filtered[q] = (System.nanoTime() - t) / 1e6;
            }
            print("(a) broad one-word query, whole organisation, 6 facets", broad);
            print("(b) selective name query (phrase)", name);
            print("(c) counsellor's query: own cases, level <= 3, type filter", filtered);
            System.gc();
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            System.out.printf("index size on disk: %.0f MB; heap in use after GC: %.0f MB%n", size(dir.resolve("index")) / 1e6, heap / 1e6);
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    private record World(int cases, List<String> names) {
    }

    /** Organisations, 50 counsellors and one participant with a case per 20 documents. */
    private static World seed(Database database, int documents) {
        int cases = Math.max(2, documents / 20);
        Random random = new Random(7);
        List<String> names = new ArrayList<>(cases);
        for (int c = 0; c < cases; c++) {
            names.add(FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] + " "
                    + LAST[random.nextInt(LAST.length)]);
        }
        database.update(connection -> {
            for (String organisation : List.of("org-a", "org-b")) {
                Sql.execute(connection, "INSERT INTO organisations (id, name, country, language, policy) VALUES (?, ?, 'NO', 'nb', 'x')",
                        organisation, organisation);
            }
            for (int c = 0; c < 50; c++) {
                Sql.execute(connection, "INSERT INTO users (id, organisation_id, username, display_name, role, password_hash)"
                        + " VALUES (?, ?, ?, ?, 'counsellor', 'x')", "c" + c, c % 2 == 0 ? "org-a" : "org-b", "c" + c, "Veileder " + c);
            }
            for (int c = 0; c < cases; c++) {
                String organisation = c % 2 == 0 ? "org-a" : "org-b";
                Sql.execute(connection, "INSERT INTO participants (id, organisation_id, name, birth_date) VALUES (?, ?, ?, '1980-01-01')",
                        "p" + c, organisation, names.get(c));
                Sql.execute(connection, "INSERT INTO cases (id, organisation_id, participant_id, programme, counsellor_id, start_date,"
                        + " created_at) VALUES (?, ?, ?, 'AFT', ?, '2020-01-01', 'x')", "case-" + c, organisation, "p" + c,
                        "c" + c % 50);
            }
        });
        return new World(cases, names);
    }

    static String text(Random random, int words) {
        StringBuilder text = new StringBuilder(words * 9);
        for (int i = 0; i < words; i++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(i % 14 == 13 ? ". " : " ");
        }
        return text.toString();
    }

    static long size(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static void print(String what, double[] millis) {
        System.out.printf("%-62s p50 %7.2f ms   p95 %7.2f ms%n", what, Percentiles.median(millis),
                Percentiles.percentile(millis, 95));
    }
}
