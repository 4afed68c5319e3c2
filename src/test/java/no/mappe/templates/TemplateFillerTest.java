package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.mappe.errors.UnableToRenderDocument;
import org.junit.jupiter.api.Test;

/** The template engine is a sandbox: values are escaped, Java is out of reach, typos are errors. */
class TemplateFillerTest {

    private final TemplateFiller filler = new TemplateFiller();

    @Test
    void valuesAreHtmlEscaped() {
        String out = filler.fill(template("<p>{{ fields.note }}</p>"), context(Map.of("note", "<script>alert('x')</script> & Ø")));
        assertThat(out).isEqualTo("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Ø</p>");
    }

    @Test
    void javaMethodsAreOutOfReach() {
        assertThatThrownBy(() -> filler.fill(template("{{ participant.name.getClass().forName('java.lang.Runtime') }}"),
                context(Map.of()))).isInstanceOf(UnableToRenderDocument.class);
        assertThatThrownBy(() -> filler.fill(template("{{ fields.getClass() }}"), context(Map.of())))
                .isInstanceOf(UnableToRenderDocument.class);
    }

    @Test
    void filesCannotBeIncludedAndUnknownVariablesAreErrors() {
        // Templates load from strings only: an include names a template text, never a file.
        assertThat(filler.fill(template("{% include '/etc/passwd' %}"), context(Map.of()))).isEqualTo("/etc/passwd");
        assertThatThrownBy(() -> filler.fill(template("{{ participant.nmae }}"), context(Map.of())))
                .isInstanceOf(UnableToRenderDocument.class);
    }

    @Test
    void datesAreNorwegianStyle() {
        assertThat(filler.fill(template("{{ participant.birthDate }} {{ document.date }}"), context(Map.of())))
                .isEqualTo("05.04.1990 23.11.2026");
    }

    private static TemplateCatalogue.Template template(String source) {
        TemplateManifest manifest = new TemplateManifest("t", 1, "consent", Map.of("nb", "Tittel"), List.of("nb"), 3, List.of(),
                List.of(new FieldSpec("note", FieldType.TEXT, false, Map.of("nb", "Merknad"), 200, 0, List.of())));
        return new TemplateCatalogue.Template(manifest, Map.of("nb", source));
    }

    private static RenderContext context(Map<String, Object> fields) {
        return new RenderContext("nb", "Lysheim Arbeid AS", "Åse Bjørnstad", LocalDate.of(1990, 4, 5), "AFT",
                LocalDate.of(2026, 1, 1), "Øystein", LocalDate.of(2026, 11, 23), fields);
    }
}
