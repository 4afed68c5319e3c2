package no.mappe.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The labelled corpus of {@link SearchQualityBenchmark}: two providers (nb and da) with their
 * counsellors and participants' cases ({@code people.yaml}), one YAML file per document under
 * {@code documents/}, and the queries with the documents a leader expects for each
 * ({@code queries.yaml}). {@link #problems()} says what is malformed, so a broken label fails a
 * cheap test instead of silently skewing the figures.
 */
public record SearchQualityCorpus(List<Provider> providers, List<Counsellor> counsellors, List<ParticipantCase> cases,
                                  List<CorpusDocument> documents, List<LabelledQuery> queries) {

    public static final Path DEFAULT_ROOT = Path.of("bench", "resources", "search-quality");
    /** The case key of each organisation's minutes book (møtereferater), which the harness makes. */
    public static final String MINUTES = "minutes";
    public static final String LEADER = "leader";
    public static final List<String> CATEGORIES = List.of("plain", "inflection", "compound", "participant-name", "name-in-text",
            "stop-word", "typo", "phrase", "filter", "cross-spelling", "access");
    /** The filters a query may carry: the search's facet dimensions that a leader would use. */
    public static final List<String> FILTERS = List.of("type", "year", "counsellor", "programme", "status");
    public static final Set<String> DOCUMENT_TYPES = Set.of("plan", "progress-report", "final-report", "consent", "confidentiality",
            "complaint", "complaint-answer", "conversation-log", "meeting-decision", "meeting-minutes", "upload");
    public static final int MIN_DOCUMENTS = 60;
    public static final int MIN_QUERIES = 100;
    /** Fewer queries than this in a category make its figure noise. */
    public static final int MIN_PER_CATEGORY = 4;

    /** A provider: its language is the language of its documents and of the queries run against it. */
    public record Provider(String key, String name, String country, String language, String policy, List<String> programmes,
                           String leaderName, String leaderUsername, String minutesLabel) {
    }

    public record Counsellor(String key, String organisation, String name) {
    }

    public record ParticipantCase(String key, String organisation, String participant, LocalDate born, String programme,
                                  String counsellor, LocalDate start) {
    }

    /**
     * One document. {@code counsellor} is who wrote it: the case's counsellor for a participant's
     * case, anyone of the organisation for minutes. {@code type} {@code upload} is a received letter.
     */
    public record CorpusDocument(String id, String language, String type, String caseKey, String counsellor, LocalDate date,
                                 int access, String status, String title, String body) {

        /** The words the document is found by: what a generated document says under its title, or a letter's text. */
        public String text() {
            return "upload".equals(type) ? body : title + "\n\n" + body;
        }
    }

    /**
     * A query and what it should find. {@code as} is {@link #LEADER} (sees everything) or a
     * counsellor's key; {@code filters} are facet values, with a counsellor's key for "counsellor".
     */
    public record LabelledQuery(int number, String text, String category, String language, String as, Map<String, String> filters,
                                Set<String> expected, String note) {
    }

    public static SearchQualityCorpus load(Path root) throws IOException {
        Map<String, Object> people = yaml(root.resolve("people.yaml"));
        List<Provider> providers = new ArrayList<>();
        for (Map<String, Object> o : maps(people.get("organisations"))) {
            Map<String, Object> leader = map(o.get("leader"));
            providers.add(new Provider(text(o, "key"), text(o, "name"), text(o, "country"), text(o, "language"), text(o, "policy"),
                    strings(o.get("programmes")), text(leader, "name"), text(leader, "username"), text(o, "minutes")));
        }
        List<Counsellor> counsellors = new ArrayList<>();
        for (Map<String, Object> c : maps(people.get("counsellors"))) {
            counsellors.add(new Counsellor(text(c, "key"), text(c, "organisation"), text(c, "name")));
        }
        List<ParticipantCase> cases = new ArrayList<>();
        for (Map<String, Object> c : maps(people.get("cases"))) {
            cases.add(new ParticipantCase(text(c, "key"), text(c, "organisation"), text(c, "participant"), date(c, "born"),
                    text(c, "programme"), text(c, "counsellor"), date(c, "start")));
        }
        List<CorpusDocument> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("documents"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Map<String, Object> d = yaml(file);
                documents.add(new CorpusDocument(text(d, "id"), text(d, "language"), text(d, "type"), text(d, "case"),
                        text(d, "counsellor"), date(d, "date"), Integer.parseInt(text(d, "access")), text(d, "status"),
                        text(d, "title"), text(d, "body")));
            }
        }
        List<LabelledQuery> queries = new ArrayList<>();
        int number = 0;
        for (Map<String, Object> q : maps(yaml(root.resolve("queries.yaml")).get("queries"))) {
            Map<String, String> filters = new LinkedHashMap<>();
            map(q.get("filters")).forEach((key, value) -> filters.put(key, String.valueOf(value)));
            String as = q.get("as") == null ? LEADER : text(q, "as");
            queries.add(new LabelledQuery(++number, text(q, "query"), text(q, "category"), text(q, "language"), as, filters,
                    new java.util.LinkedHashSet<>(strings(q.get("expected"))), q.get("note") == null ? "" : text(q, "note")));
        }
        return new SearchQualityCorpus(providers, counsellors, cases, documents, queries);
    }

    /** Everything that makes a label wrong or the corpus too small; empty when it is well-formed. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, Provider> byLanguage = new HashMap<>();
        providers.forEach(p -> byLanguage.put(p.language(), p));
        Map<String, Counsellor> counsellorByKey = new HashMap<>();
        counsellors.forEach(c -> counsellorByKey.put(c.key(), c));
        Map<String, ParticipantCase> caseByKey = new HashMap<>();
        cases.forEach(c -> caseByKey.put(c.key(), c));
        Map<String, CorpusDocument> documentById = new HashMap<>();
        for (CorpusDocument d : documents) {
            String where = "document " + d.id();
            if (documentById.put(d.id(), d) != null) {
                problems.add(where + ": the id is used twice");
            }
            Provider provider = byLanguage.get(d.language());
            if (provider == null) {
                problems.add(where + ": language '" + d.language() + "' has no organisation");
                continue;
            }
            if (!DOCUMENT_TYPES.contains(d.type())) {
                problems.add(where + ": unknown type '" + d.type() + "'; use one of " + DOCUMENT_TYPES);
            }
            if (d.access() < 1 || d.access() > 4) {
                problems.add(where + ": access must be 1 to 4");
            }
            if (d.title().isBlank() || d.body().isBlank()) {
                problems.add(where + ": title and body are required");
            }
            Counsellor author = counsellorByKey.get(d.counsellor());
            if (author == null || !author.organisation().equals(provider.key())) {
                problems.add(where + ": counsellor '" + d.counsellor() + "' is not one of " + provider.key());
            }
            if (MINUTES.equals(d.caseKey()) != "meeting-minutes".equals(d.type())) {
                problems.add(where + ": minutes, and only minutes, belong to the minutes book");
            }
            ParticipantCase owner = caseByKey.get(d.caseKey());
            if (!MINUTES.equals(d.caseKey())) {
                if (owner == null || !owner.organisation().equals(provider.key())) {
                    problems.add(where + ": case '" + d.caseKey() + "' is not a case of " + provider.key());
                } else if (!owner.counsellor().equals(d.counsellor())) {
                    problems.add(where + ": written by " + d.counsellor() + " but the case's counsellor is " + owner.counsellor());
                }
            }
        }
        Set<String> seen = new HashSet<>();
        Map<String, Integer> perCategory = new HashMap<>();
        for (LabelledQuery q : queries) {
            String where = "query " + q.number() + " \"" + q.text() + "\"";
            perCategory.merge(q.category(), 1, Integer::sum);
            if (!CATEGORIES.contains(q.category())) {
                problems.add(where + ": unknown category '" + q.category() + "'; use one of " + CATEGORIES);
            }
            Provider provider = byLanguage.get(q.language());
            if (provider == null) {
                problems.add(where + ": language '" + q.language() + "' has no organisation");
                continue;
            }
            if (!seen.add(q.language() + "|" + q.as() + "|" + q.text() + "|" + q.filters())) {
                problems.add(where + ": the same query is there twice");
            }
            Counsellor asCounsellor = counsellorByKey.get(q.as());
            if (!LEADER.equals(q.as()) && (asCounsellor == null || !asCounsellor.organisation().equals(provider.key()))) {
                problems.add(where + ": 'as' must be leader or a counsellor of " + provider.key());
            }
            q.filters().forEach((key, value) -> {
                if (!FILTERS.contains(key)) {
                    problems.add(where + ": unknown filter '" + key + "'; use one of " + FILTERS);
                } else if ("counsellor".equals(key) && !counsellorByKey.containsKey(value)) {
                    problems.add(where + ": filter counsellor '" + value + "' is no counsellor's key");
                } else if ("type".equals(key) && !DOCUMENT_TYPES.contains(value)) {
                    problems.add(where + ": filter type '" + value + "' is no document type");
                }
            });
            for (String id : q.expected()) {
                CorpusDocument expected = documentById.get(id);
                if (expected == null) {
                    problems.add(where + ": expects '" + id + "', which is no document");
                } else if (!expected.language().equals(q.language())) {
                    problems.add(where + ": expects '" + id + "' of the other organisation");
                } else if (asCounsellor != null && !visibleTo(expected, asCounsellor, caseByKey)) {
                    problems.add(where + ": expects '" + id + "', which counsellor " + q.as() + " may not see");
                }
            }
        }
        if (documents.size() < MIN_DOCUMENTS) {
            problems.add("only " + documents.size() + " documents; at least " + MIN_DOCUMENTS + " are needed");
        }
        if (queries.size() < MIN_QUERIES) {
            problems.add("only " + queries.size() + " queries; at least " + MIN_QUERIES + " are needed");
        }
        for (String language : List.of("nb", "da")) {
            if (documents.stream().noneMatch(d -> d.language().equals(language))
                    || queries.stream().noneMatch(q -> q.language().equals(language))) {
                problems.add("no " + language + " documents or queries");
            }
        }
        for (String category : CATEGORIES) {
            if (perCategory.getOrDefault(category, 0) < MIN_PER_CATEGORY) {
                problems.add("category " + category + " has " + perCategory.getOrDefault(category, 0) + " queries; at least "
                        + MIN_PER_CATEGORY + " are needed");
            }
        }
        return problems;
    }

    /** As the search decides: the counsellor's own cases and the minutes book, up to the counsellor's level 3. */
    private static boolean visibleTo(CorpusDocument document, Counsellor counsellor, Map<String, ParticipantCase> caseByKey) {
        boolean ownCase = MINUTES.equals(document.caseKey()) || caseByKey.get(document.caseKey()).counsellor().equals(counsellor.key());
        return ownCase && document.access() <= 3;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (!(loaded instanceof Map<?, ?>)) {
                throw new IOException(file + ": expected a YAML mapping");
            }
            return map(loaded);
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static List<String> strings(Object value) {
        return value == null ? List.of() : ((List<?>) value).stream().map(String::valueOf).toList();
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("'" + key + "' is missing in " + map.keySet());
        }
        return String.valueOf(value).strip();
    }

    private static LocalDate date(Map<String, Object> map, String key) {
        try {
            return LocalDate.parse(text(map, key));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + key + "' must be a date like \"2025-01-31\" (quoted), was " + map.get(key), e);
        }
    }
}
