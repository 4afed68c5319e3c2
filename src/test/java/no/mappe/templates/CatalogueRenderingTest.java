package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.mappe.config.Resources;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * Every shipped template in every language it declares is filled with sample data for each of its
 * fields, rendered, validated by veraPDF as PDF/A-2u and PDF/UA-1, and shows the filled values
 * (with æ, ø and å) when its text is extracted.
 */
class CatalogueRenderingTest {

    private static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load(Resources.fromClasspath("templates"));
    private static final PdfRenderer RENDERER = new PdfRenderer();

    static Stream<Arguments> templatesAndLanguages() {
        return CATALOGUE.all().stream().flatMap(template -> template.manifest().languages().stream()
                .map(language -> Arguments.of(template.manifest().id(), language)));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("templatesAndLanguages")
    void rendersAccessiblePdfAWithTheFilledValues(String templateId, String language) {
        TemplateCatalogue.Template template = CATALOGUE.find(templateId).orElseThrow();
        Map<String, Object> raw = new LinkedHashMap<>();
        List<String> expected = new ArrayList<>();
        for (FieldSpec field : template.manifest().fields()) {
            Object value = sample(field);
            raw.put(field.name(), value);
            if (value instanceof String text && field.type() != FieldType.DATE) {
                expected.add(text.lines().findFirst().orElseThrow());
            } else if (value instanceof List<?> items) {
                items.forEach(item -> expected.add(item.toString()));
            }
        }
        Map<String, Object> fields = FieldValidator.validate(template.manifest(), raw);
        RenderContext context = new RenderContext(language, "Lysheim Arbeid AS", "Åse Ærø Bjørnstad", LocalDate.of(1990, 4, 5),
                "AFT", LocalDate.of(2026, 1, 5), "Øystein Brænne", LocalDate.of(2026, 11, 23), fields);
        String xhtml = new TemplateFiller().fill(template, context);
        byte[] pdf = RENDERER.render(xhtml, templateId);

        String text = PdfChecks.text(pdf);
        assertThat(text).contains("Åse Ærø Bjørnstad", "Øystein Brænne", "05.04.1990", template.manifest().title(language));
        assertThat(text).contains(expected);
        assertThat(XhtmlText.of(xhtml, templateId)).contains("Åse Ærø Bjørnstad");
        assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFA_2_U)).as("PDF/A-2u").isEmpty();
        assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFUA_1)).as("PDF/UA-1").isEmpty();
    }

    private static Object sample(FieldSpec field) {
        return switch (field.type()) {
            case TEXT -> "Prøve " + field.name() + " på gården";
            case LONGTEXT -> "Første linje for " + field.name() + " med æøå.\nAndre linje.";
            case DATE -> "2026-05-01";
            case BOOLEAN -> true;
            case CHOICE -> field.options().get(0);
            case LIST -> List.of("Mottaker én for " + field.name(), "Mottaker to");
        };
    }
}
