package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import no.mappe.errors.TemplateInvalid;
import no.mappe.config.Resources;
import org.junit.jupiter.api.Test;

/** A choice's options carry their wording per language; the stored value stays a code, the pages show the wording. */
class OptionLabelsTest {

    @Test
    void everyOptionOfEveryShippedTemplateHasAWordingInBothLanguages() {
        TemplateCatalogue catalogue = TemplateCatalogue.load(Resources.fromClasspath("templates"));
        List<String> missing = new ArrayList<>();
        int options = 0;
        for (TemplateCatalogue.Template template : catalogue.shipped()) {
            List<FieldSpec> fields = new ArrayList<>(template.manifest().fields());
            template.manifest().fields().forEach(field -> fields.addAll(field.columns()));
            for (FieldSpec field : fields) {
                for (String option : field.options()) {
                    options++;
                    for (String language : List.of("nb", "da")) {
                        if (field.optionLabel(option, language).equals(option)) {
                            missing.add(template.manifest().id() + "." + field.name() + "." + option + " (" + language + ")");
                        }
                    }
                }
            }
        }
        assertThat(options).isGreaterThan(20);
        assertThat(missing).as("options shown as their codes").isEmpty();
    }

    @Test
    void anOptionIsACodeOrACodeWithItsWording() {
        FieldSpec level = field("""
                options:
                  - {value: very-good, label: {nb: "Svært god", da: "Meget god"}}
                  - plain""");
        assertThat(level.options()).containsExactly("very-good", "plain");
        assertThat(level.optionLabel("very-good", "nb")).isEqualTo("Svært god");
        assertThat(level.optionLabel("very-good", "da")).isEqualTo("Meget god");
        assertThat(level.optionLabel("plain", "nb")).as("an expert's template without wordings").isEqualTo("plain");
        assertThatThrownBy(() -> field("""
                options:
                  - {value: good}""")).isInstanceOf(TemplateInvalid.class).hasMessageContaining("label");
    }

    private static FieldSpec field(String options) {
        String manifest = """
                id: options-test
                version: 1
                documentType: options-test
                title: {nb: Prøve, da: Prøve}
                languages: [nb, da]
                accessLevel: 2
                signers: []
                fields:
                  - name: level
                    type: choice
                    label: {nb: Nivå, da: Niveau}
                """ + options.indent(4);
        return ManifestReader.read(manifest, "manifest.yaml").fields().get(0);
    }
}
