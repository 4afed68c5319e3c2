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
}
