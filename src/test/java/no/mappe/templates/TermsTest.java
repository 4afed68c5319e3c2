package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import no.mappe.config.Resources;
import org.junit.jupiter.api.Test;

/**
 * One term per thing: a document type is called by its template's title wherever the pages name it,
 * and the spellings once used beside the chosen one appear nowhere (pages, messages, templates).
 * Every audit action and retention class has a wording in both languages, so no page shows a code.
 */
class TermsTest {

    /** Spellings replaced by the one term the users use (UX.md): bokmål Fremdriftsrapport, Danish Slutrapport, ... */
    private static final List<String> RETIRED = List.of("Framdriftsrapport", "Afsluttende rapport", "utlevert arbeidstøy",
            "udleveret arbejdstøj");

    @Test
    void theDeadlinesNameADocumentTypeByItsTemplatesTitle() throws IOException {
        TemplateCatalogue catalogue = TemplateCatalogue.load(Resources.fromClasspath("templates"));
        for (String language : List.of("nb", "da")) {
            Properties messages = new Properties();
            try (var in = Files.newBufferedReader(Path.of("src/main/resources/pages/messages_" + language + ".properties"),
                    StandardCharsets.UTF_8)) {
                messages.load(in);
            }
            for (TemplateCatalogue.Template template : catalogue.shipped()) {
                String named = messages.getProperty("deadline." + template.manifest().id());
                if (named != null) {
                    assertThat(named).as(language + " " + template.manifest().id()).isEqualTo(template.manifest().title(language));
                }
            }
        }
    }

    @Test
    void retiredSpellingsAppearNowhere() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/resources/pages")), Files.walk(Path.of("templates")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                RETIRED.stream().filter(word -> text.contains(word.toLowerCase(Locale.ROOT)))
                        .forEach(word -> found.add(file + ": " + word));
            }
        }
        assertThat(found).isEmpty();
    }

    /** Actions whose code is put together at run time: the sweep's end, a disposal, a second factor's events. */
    private static final List<String> BUILT_ACTIONS = List.of("sweep-finished", "sweep-rejected", "sweep-superseded",
            "document-shredded", "document-anonymised", "second-factor-enrolled", "second-factor-failed", "second-factor-removed");

    @Test
    void everyAuditActionAndRetentionClassHasAWordingInBothLanguages() throws IOException {
        java.util.Set<String> actions = new java.util.TreeSet<>(BUILT_ACTIONS);
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(file -> file.toString().endsWith(".java")).toList()) {
                actions.addAll(auditActions(Files.readString(source, StandardCharsets.UTF_8)));
            }
        }
        assertThat(actions).as("the scan finds the actions").contains("document-created", "draft-edited", "complaint-registered")
                .hasSizeGreaterThan(50);
        java.util.Set<String> classes = new java.util.TreeSet<>();
        try (Stream<Path> policies = Files.list(Path.of("archive-policy"))) {
            for (Path policy : policies.filter(file -> file.toString().endsWith(".yaml")).toList()) {
                java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(?m)^  ([a-z][a-z-]+):")
                        .matcher(Files.readString(policy, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    classes.add(matcher.group(1));
                }
            }
        }
        assertThat(classes).contains("meeting-minutes", "staff-folder");
        List<String> missing = new ArrayList<>();
        for (String language : List.of("nb", "da")) {
            Properties messages = new Properties();
            try (var in = Files.newBufferedReader(Path.of("src/main/resources/pages/messages_" + language + ".properties"),
                    StandardCharsets.UTF_8)) {
                messages.load(in);
            }
            actions.stream().filter(action -> messages.getProperty("language.audit." + action) == null)
                    .forEach(action -> missing.add(language + " audit action " + action));
            classes.stream().filter(code -> messages.getProperty("language.class." + code) == null)
                    .forEach(code -> missing.add(language + " retention class " + code));
        }
        assertThat(missing).isEmpty();
    }

    /** The string literals that are the action (third argument) of each {@code AuditEvent.of(...)} in a source file. */
    private static List<String> auditActions(String source) {
        List<String> found = new ArrayList<>();
        int at = source.indexOf("AuditEvent.of(");
        while (at >= 0) {
            int depth = 0;
            int argument = 0;
            StringBuilder third = new StringBuilder();
            for (int i = at + "AuditEvent.of(".length(); i < source.length(); i++) {
                char c = source.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')' && depth-- == 0) {
                    break;
                } else if (c == ',' && depth == 0) {
                    argument++;
                    continue;
                }
                if (argument == 2) {
                    third.append(c);
                }
            }
            if (!third.toString().contains("+")) { // "document-" + outcome is in BUILT_ACTIONS
                java.util.regex.Matcher literal = java.util.regex.Pattern.compile("\"([a-z][a-z-]*)\"").matcher(third);
                while (literal.find()) {
                    found.add(literal.group(1));
                }
            }
            at = source.indexOf("AuditEvent.of(", at + 1);
        }
        return found;
    }
}
