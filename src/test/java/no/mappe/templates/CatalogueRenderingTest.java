package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.mappe.cases.Programme;
import no.mappe.config.Resources;
import no.mappe.demo.DemoData;
import no.mappe.security.ProfileService;
import no.mappe.testing.GoldenImages;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.Test;
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
    private static final TemplateFiller FILLER = new TemplateFiller(CATALOGUE);

    static Stream<Arguments> templatesAndLanguages() {
        return CATALOGUE.shipped().stream().flatMap(template -> template.manifest().languages().stream()
                .map(language -> Arguments.of(template.manifest().id(), language)));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("templatesAndLanguages")
    void rendersAccessiblePdfAWithTheFilledValues(String templateId, String language) {
        TemplateCatalogue.Template template = CATALOGUE.shipped(templateId).orElseThrow();
        // The shipped templates obey the same rules as uploaded ones.
        new TemplateValidator(FILLER, RENDERER, CATALOGUE.partialNames())
                .checkSource(template.manifest(), language, template.xhtmlByLanguage().get(language));
        Map<String, Object> raw = SampleData.full(template.manifest());
        List<String> expected = new ArrayList<>();
        collectTexts(template.manifest().fields(), raw, expected);
        Map<String, Object> fields = FieldValidator.validate(template.manifest(), raw);
        String profile = "da".equals(language) ? "/demo/profile-vestera.yaml" : "/demo/profile-lysheim.yaml";
        RenderContext context = new RenderContext(language, "Lysheim Arbeid AS", "Åse Ærø Bjørnstad", LocalDate.of(1990, 4, 5),
                "AFT", Programme.displayName("AFT", language), LocalDate.of(2026, 1, 5), "Øystein Brænne", LocalDate.of(2026, 11, 23),
                ProfileService.templateView(DemoData.profile(profile)), fields);
        String xhtml = FILLER.fill(template, context);
        byte[] pdf = RENDERER.render(xhtml, templateId);

        String renderDir = System.getProperty("mappe.renderDir");
        if (renderDir != null) {
            // -Dmappe.renderDir=/tmp/pdfs keeps every rendered PDF for a look (pdftoppm -r 60 -png ...).
            try {
                java.nio.file.Files.createDirectories(java.nio.file.Path.of(renderDir));
                java.nio.file.Files.write(java.nio.file.Path.of(renderDir, templateId + "-" + language + ".pdf"), pdf);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        String text = PdfChecks.text(pdf);
        assertThat(text).contains(template.manifest().title(language));
        if (!templateId.equals("meeting-minutes")) { // the organisation's own minutes name no participant
            assertThat(text).contains("Åse Ærø Bjørnstad");
        }
        // Narrow table cells wrap lines, so compare with all whitespace folded to single spaces.
        String flowing = text.replaceAll("\\s+", " ");
        assertThat(flowing).contains(expected.stream().map(value -> value.replaceAll("\\s+", " ")).toList());
        if (!templateId.equals("meeting-minutes")) {
            assertThat(XhtmlText.of(xhtml, templateId)).contains("Åse Ærø Bjørnstad");
        }
        assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFA_2_U)).as("PDF/A-2u").isEmpty();
        assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFUA_1)).as("PDF/UA-1").isEmpty();
        GoldenImages.assertFirstPageMatches(pdf, templateId + "-" + language);
    }

    @Test
    void theWelcomeFolderHasBookmarksAndATableOfContents() throws Exception {
        TemplateCatalogue.Template template = CATALOGUE.shipped("welcome-folder").orElseThrow();
        RenderContext context = new RenderContext("nb", "Lysheim Arbeid AS", "Åse Ærø Bjørnstad", LocalDate.of(1990, 4, 5), "AFT",
                Programme.displayName("AFT", "nb"), LocalDate.of(2026, 1, 5), "Øystein Brænne", LocalDate.of(2026, 11, 23),
                ProfileService.templateView(DemoData.profile("/demo/profile-lysheim.yaml")),
                FieldValidator.validate(template.manifest(), java.util.Map.of("reviewedRightsDuties", true)));
        byte[] pdf = RENDERER.render(FILLER.fill(template, context), "welcome-folder");
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            List<String> bookmarks = new ArrayList<>();
            document.getDocumentCatalog().getDocumentOutline().children().forEach(item -> bookmarks.add(item.getTitle()));
            assertThat(bookmarks).startsWith("Forside og innhold", "1. Velkommen").contains("6. Slik klager du", "9. Sjekkliste");
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(4);
            org.apache.pdfbox.text.PDFTextStripper byPosition = new org.apache.pdfbox.text.PDFTextStripper();
            byPosition.setSortByPosition(true);
            byPosition.setStartPage(1);
            byPosition.setEndPage(1);
            assertThat(byPosition.getText(document)).as("table of contents with page numbers, on the cover")
                    .containsPattern("1\\. Velkommen\\s+2").containsPattern("9\\. Sjekkliste\\s+\\d+");
        }
        String text = PdfChecks.text(pdf);
        assertThat(text).contains("Innhold", "Slik klager du", "senest fire uker", "Respekt", "Trond Haugen", "Sjekkliste");
    }

    @Test
    void aLongGoalsTableBreaksAcrossPagesWithItsHeaderRepeated() throws Exception {
        TemplateCatalogue.Template template = CATALOGUE.shipped("plan").orElseThrow();
        Map<String, Object> fields = new java.util.HashMap<>(SampleData.withRows(template.manifest(), 25));
        fields.put("lifeAreas", SampleData.withRows(template.manifest(), 1).get("lifeAreas")); // only the goals table is long
        RenderContext context = new RenderContext("nb", "Lysheim Arbeid AS", "Åse Ærø Bjørnstad", LocalDate.of(1990, 4, 5), "AFT",
                Programme.displayName("AFT", "nb"), LocalDate.of(2026, 1, 5), "Øystein Brænne", LocalDate.of(2026, 11, 23),
                ProfileService.templateView(DemoData.profile("/demo/profile-lysheim.yaml")),
                FieldValidator.validate(template.manifest(), fields));
        byte[] pdf = RENDERER.render(FILLER.fill(template, context), "plan");
        assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFUA_1)).isEmpty();
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(4);
            for (int page = 2; page < document.getNumberOfPages(); page++) {
                org.apache.pdfbox.text.PDFTextStripper stripper = new org.apache.pdfbox.text.PDFTextStripper();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                assertThat(stripper.getText(document)).as("page " + page).contains("Delmål", "Ansvarlig", "Frist", "Evaluering");
            }
        }
    }

    @Test
    void aChangedLayoutFailsTheGoldenImageCheck() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Boolean.getBoolean("mappe.updateGolden"), "would overwrite a reference");
        GoldenImages.requireAvailable();
        TemplateCatalogue.Template template = CATALOGUE.shipped("consent").orElseThrow();
        Map<String, Object> raw = new java.util.HashMap<>(SampleData.full(template.manifest()));
        raw.put("purpose", "Et langt formål som skyver resten av siden nedover.\n".repeat(12));
        RenderContext context = new RenderContext("nb", "Lysheim Arbeid AS", "Åse Ærø Bjørnstad", LocalDate.of(1990, 4, 5), "AFT",
                Programme.displayName("AFT", "nb"), LocalDate.of(2026, 1, 5), "Øystein Brænne", LocalDate.of(2026, 11, 23),
                ProfileService.templateView(DemoData.profile("/demo/profile-lysheim.yaml")),
                FieldValidator.validate(template.manifest(), raw));
        byte[] pdf = RENDERER.render(FILLER.fill(template, context), "consent");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoldenImages.assertFirstPageMatches(pdf, "consent-nb"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("share of pixels");
    }

    /** The first line of every text value, list item and table cell: what the PDF must show. */
    private static void collectTexts(List<FieldSpec> specs, Map<String, Object> values, List<String> expected) {
        for (FieldSpec field : specs) {
            Object value = values.get(field.name());
            if (value instanceof String text && (field.type() == FieldType.TEXT || field.type() == FieldType.LONGTEXT)) {
                expected.add(text.lines().findFirst().orElseThrow());
            } else if (value instanceof List<?> items && field.type() == FieldType.LIST) {
                items.forEach(item -> expected.add(item.toString()));
            } else if (value instanceof List<?> rows && field.type() == FieldType.TABLE && !rows.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> first = (Map<String, Object>) rows.get(0);
                collectTexts(field.columns(), first, expected);
            }
        }
    }
}
