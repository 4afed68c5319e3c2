package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.mappe.cases.Programme;
import no.mappe.config.Resources;
import no.mappe.demo.DemoData;
import no.mappe.security.ProfileService;
import no.mappe.testing.PdfLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Documents a participant reads (UX.md, "Documents a person reads"), measured in the rendered PDF
 * of every template in both languages, filled with realistic and with long values: body text at
 * least 11 pt, lines of running text of at most about 75 characters, and no page that holds a
 * signature block without the text it signs.
 *
 * <p>Each glyph is placed by the PDF's own tagging (PDF/UA): the marked content it sits in and the
 * structure element that owns it. Exempt from the 11 pt rule are the page furniture (artifacts:
 * footer and page numbers, at least {@value #FURNITURE_FLOOR} pt) and table cells, whose floor is
 * {@value #TABLE_FLOOR} pt: the dense grids (goals, equipment, attendance) have four to five
 * columns in a 150 mm column, and at 11 pt their headers break inside words.
 */
class ReadableLayoutTest {

    static final float BODY_FLOOR = PdfLayout.BODY_FLOOR;
    static final float TABLE_FLOOR = PdfLayout.TABLE_FLOOR;
    static final float FURNITURE_FLOOR = PdfLayout.FURNITURE_FLOOR;
    /** About 75 characters; a line may run a little longer when its words are narrow. */
    static final int MAX_LINE = 78;
    static final String SIGNATURE_LINE = "Sted, dato og underskrift";

    private static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load(Resources.fromClasspath("templates"));
    private static final PdfRenderer RENDERER = new PdfRenderer();
    private static final TemplateFiller FILLER = new TemplateFiller(CATALOGUE);

    static Stream<Arguments> templatesLanguagesAndValues() {
        return CATALOGUE.shipped().stream().flatMap(template -> template.manifest().languages().stream()
                .flatMap(language -> Stream.of("realistic", "long")
                        .map(values -> Arguments.of(template.manifest().id(), language, values))));
    }

    @ParameterizedTest(name = "{0} ({1}, {2} values)")
    @MethodSource("templatesLanguagesAndValues")
    void bodyTextIsLargeLinesAreShortAndSignaturesStayWithTheirText(String templateId, String language, String values) throws IOException {
        TemplateCatalogue.Template template = CATALOGUE.shipped(templateId).orElseThrow();
        Map<String, Object> raw = "long".equals(values) ? SampleData.lengthy(template.manifest()) : SampleData.full(template.manifest());
        String profile = "da".equals(language) ? "/demo/profile-vestera.yaml" : "/demo/profile-lysheim.yaml";
        RenderContext context = new RenderContext(language, "Lysheim Arbeid AS", "Åse Ærø Bjørnstad", LocalDate.of(1990, 4, 5), "AFT",
                Programme.displayName("AFT", language), LocalDate.of(2026, 1, 5), "Øystein Brænne", LocalDate.of(2026, 11, 23),
                ProfileService.templateView(DemoData.profile(profile)), FieldValidator.validate(template.manifest(), raw));
        byte[] pdf = RENDERER.render(FILLER.fill(template, context), templateId);
        PdfLayout layout = PdfLayout.of(pdf);
        String renderDir = System.getProperty("mappe.renderDir");
        if (renderDir != null) { // -Dmappe.renderDir=/tmp/pdfs keeps the PDFs for a look
            java.nio.file.Files.createDirectories(java.nio.file.Path.of(renderDir));
            java.nio.file.Files.write(java.nio.file.Path.of(renderDir, templateId + "-" + language + "-" + values + ".pdf"), pdf);
        }

        List<String> small = layout.belowFloors();
        List<PdfLayout.Line> running = layout.lines().stream().filter(line -> !line.inTable() && !line.artifact()).toList();
        PdfLayout.Line longest = running.stream().max(Comparator.comparingInt(line -> line.text().length())).orElseThrow();
        System.out.printf("readability %s %s %s: body %.1f-%.1f pt, tables from %.1f pt, longest line %d: %s%n", templateId, language,
                values, layout.minSize(glyph -> !glyph.artifact() && !glyph.inTable()), layout.maxSize(glyph -> !glyph.artifact()),
                layout.minSize(PdfLayout.Glyph::inTable), longest.text().length(), longest.text());

        assertThat(small).as("text smaller than its floor").isEmpty();
        assertThat(running).as("lines of running text longer than " + MAX_LINE + " characters")
                .filteredOn(line -> line.text().length() > MAX_LINE).extracting(PdfLayout.Line::text).isEmpty();
        assertThat(layout.overlaps()).as("text running into its neighbour (a word too wide for its column)").isEmpty();
        if (template.manifest().signers().isEmpty()) {
            return; // the organisation's own minutes are not signed
        }
        // The page that holds a signature block also holds the end of what is signed.
        Map<Integer, Float> signatureLineTop = new LinkedHashMap<>();
        for (PdfLayout.Line line : layout.lines()) {
            if (line.text().contains(SIGNATURE_LINE)) {
                signatureLineTop.merge(line.page(), line.baseline(), Math::min);
            }
        }
        assertThat(signatureLineTop).as("signature lines in %s", layout.lines().stream().filter(line -> line.text().contains("unders"))
                .toList()).isNotEmpty();
        signatureLineTop.forEach((page, top) -> {
            long bodyLines = layout.lines().stream()
                    .filter(line -> line.page() == page && !line.artifact() && line.baseline() < top - 1)
                    .map(PdfLayout.Line::baseline).distinct().count();
            assertThat(bodyLines).as("lines of the document above the signatures on page %d", page + 1).isGreaterThanOrEqualTo(3);
        });
    }
}
