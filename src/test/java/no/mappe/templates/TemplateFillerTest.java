package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.mappe.errors.TemplateInvalid;
import no.mappe.errors.UnableToRenderDocument;
import no.mappe.testing.InMemoryResources;
import org.junit.jupiter.api.Test;

/** The template engine is a sandbox: values are escaped, Java is out of reach, typos are errors. */
class TemplateFillerTest {

    private final TemplateCatalogue catalogue = TemplateCatalogue.load(new InMemoryResources(Map.of(
            "catalogue.yaml", "partials: [frame]\ntemplates: [t]\n",
            "_partials/frame.xhtml", "[{% block body %}{% endblock %}]",
            "t/manifest.yaml", """
                    id: t
                    version: 1
                    documentType: consent
                    title: {nb: Tittel}
                    languages: [nb]
                    accessLevel: 3
                    fields:
                      - {name: note, type: text, label: {nb: Merknad}}
                    """,
            "t/nb.xhtml", "unused")));
    private final TemplateFiller filler = new TemplateFiller(catalogue);

    @Test
    void valuesAreHtmlEscaped() {
        String out = filler.fill(template("<p>{{ fields.note }}</p>"), context(Map.of("note", "<script>alert('x')</script> & Ø")));
        assertThat(out).isEqualTo("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Ø</p>");
    }

    @Test
    void javaMethodsAreOutOfReach() {
        assertThatThrownBy(() -> filler.fill(template("{{ participant.name.getClass().forName('java.lang.Runtime') }}"),
                context(Map.of()))).isInstanceOf(TemplateInvalid.class).hasMessageContaining("calls a method");
        assertThatThrownBy(() -> filler.fill(template("{{ fields.getClass() }}"), context(Map.of())))
                .isInstanceOf(TemplateInvalid.class).hasMessageContaining("calls a method");
    }

    @Test
    void filesCannotBeIncludedAndUnknownVariablesAreErrors() {
        // Templates load from the catalogue only: a file name is just an unknown template name.
        assertThatThrownBy(() -> filler.fill(template("{% include '/etc/passwd' %}"), context(Map.of())))
                .isInstanceOf(TemplateInvalid.class).hasMessageContaining("only the shared partials");
        assertThatThrownBy(() -> filler.fill(template("{{ participant.nmae }}"), context(Map.of())))
                .isInstanceOf(UnableToRenderDocument.class);
    }

    @Test
    void sharedPartialsOfTheCatalogueCanBeExtended() {
        assertThat(filler.fill(template("{% extends \"frame\" %}{% block body %}{{ participant.name }}{% endblock %}"),
                context(Map.of()))).isEqualTo("[Åse Bjørnstad]");
        assertThatThrownBy(() -> filler.fill(template("{% include \"/etc/hosts\" %}"), context(Map.of())))
                .isInstanceOf(TemplateInvalid.class).hasMessageContaining("only the shared partials");
    }

    @Test
    void datesAreNorwegianStyle() {
        assertThat(filler.fill(template("{{ participant.birthDate }} {{ document.date }}"), context(Map.of())))
                .isEqualTo("05.04.1990 23.11.2026");
    }

    private int nextVersion = 2;

    /** Registers the source as a new version of template t, as an upload would. */
    private TemplateCatalogue.Template template(String source) {
        TemplateManifest manifest = new TemplateManifest("t", nextVersion++, "consent", Map.of("nb", "Tittel"), List.of("nb"), 3,
                null, List.of(), Map.of(), false, false,
                List.of(new FieldSpec("note", FieldType.TEXT, false, Map.of("nb", "Merknad"), 200, 0, List.of())));
        TemplateCatalogue.Template template = new TemplateCatalogue.Template(manifest, Map.of("nb", source), "org");
        catalogue.register(template);
        return template;
    }

    private static RenderContext context(Map<String, Object> fields) {
        return new RenderContext("nb", "Lysheim Arbeid AS", "Åse Bjørnstad", LocalDate.of(1990, 4, 5), "AFT",
                "arbeidsforberedende trening (AFT)", LocalDate.of(2026, 1, 1), "Øystein", LocalDate.of(2026, 11, 23), Map.of(), fields);
    }
}
