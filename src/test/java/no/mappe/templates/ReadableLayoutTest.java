package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import no.mappe.cases.Programme;
import no.mappe.config.Resources;
import no.mappe.demo.DemoData;
import no.mappe.security.ProfileService;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference;
import org.apache.pdfbox.text.PDFMarkedContentExtractor;
import org.apache.pdfbox.text.TextPosition;
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

    static final float BODY_FLOOR = 11f;
    static final float TABLE_FLOOR = 10.5f;
    static final float FURNITURE_FLOOR = 8f;
    /** About 75 characters; a line may run a little longer when its words are narrow. */
    static final int MAX_LINE = 78;
    static final String SIGNATURE_LINE = "Sted, dato og underskrift";

    private static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load(Resources.fromClasspath("templates"));
    private static final PdfRenderer RENDERER = new PdfRenderer();
    private static final TemplateFiller FILLER = new TemplateFiller(CATALOGUE);
    private static final float TOLERANCE = 0.05f;
    private static final Set<String> INLINE = Set.of("Span", "Link", "Em", "Strong", "Quote", "Code", "Reference", "Note", "Lbl");

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
        Layout layout = Layout.of(pdf);
        String renderDir = System.getProperty("mappe.renderDir");
        if (renderDir != null) { // -Dmappe.renderDir=/tmp/pdfs keeps the PDFs for a look
            java.nio.file.Files.createDirectories(java.nio.file.Path.of(renderDir));
            java.nio.file.Files.write(java.nio.file.Path.of(renderDir, templateId + "-" + language + "-" + values + ".pdf"), pdf);
        }

        List<String> small = new ArrayList<>();
        for (Glyph glyph : layout.glyphs()) {
            float floor = glyph.artifact() ? FURNITURE_FLOOR : glyph.inTable() ? TABLE_FLOOR : BODY_FLOOR;
            if (glyph.size() + TOLERANCE < floor) {
                small.add(String.format("%.1f pt < %.1f on page %d: %s", glyph.size(), floor, glyph.page() + 1, layout.lineOf(glyph)));
            }
        }
        List<Line> running = layout.lines().stream().filter(line -> !line.inTable() && !line.artifact()).toList();
        Line longest = running.stream().max(Comparator.comparingInt(line -> line.text().length())).orElseThrow();
        System.out.printf("readability %s %s %s: body %.1f-%.1f pt, tables from %.1f pt, longest line %d: %s%n", templateId, language,
                values, layout.minSize(glyph -> !glyph.artifact() && !glyph.inTable()), layout.maxSize(glyph -> !glyph.artifact()),
                layout.minSize(Glyph::inTable), longest.text().length(), longest.text());

        assertThat(small).as("text smaller than its floor").isEmpty();
        assertThat(running).as("lines of running text longer than " + MAX_LINE + " characters")
                .filteredOn(line -> line.text().length() > MAX_LINE).extracting(Line::text).isEmpty();
        assertThat(layout.overlaps()).as("text running into its neighbour (a word too wide for its column)").isEmpty();
        if (template.manifest().signers().isEmpty()) {
            return; // the organisation's own minutes are not signed
        }
        // The page that holds a signature block also holds the end of what is signed.
        Map<Integer, Float> signatureLineTop = new LinkedHashMap<>();
        for (Line line : layout.lines()) {
            if (line.text().contains(SIGNATURE_LINE)) {
                signatureLineTop.merge(line.page(), line.baseline(), Math::min);
            }
        }
        assertThat(signatureLineTop).as("signature lines in %s", layout.lines().stream().filter(line -> line.text().contains("unders"))
                .toList()).isNotEmpty();
        signatureLineTop.forEach((page, top) -> {
            long bodyLines = layout.lines().stream()
                    .filter(line -> line.page() == page && !line.artifact() && line.baseline() < top - 1)
                    .map(Line::baseline).distinct().count();
            assertThat(bodyLines).as("lines of the document above the signatures on page %d", page + 1).isGreaterThanOrEqualTo(3);
        });
    }

    /** A glyph with its size in points and what the tagging says it belongs to. */
    record Glyph(int page, float x, float baseline, float width, float size, String text, boolean artifact, boolean inTable,
                 Object block) {
    }

    /** A line of one block (paragraph, list item, heading, cell) as the characters a reader sees. */
    record Line(int page, float baseline, String text, boolean artifact, boolean inTable) {
    }

    record Layout(List<Glyph> glyphs, List<Line> lines) {

        static Layout of(byte[] pdf) throws IOException {
            try (PDDocument document = Loader.loadPDF(pdf)) {
                Map<String, PDStructureElement> owners = new HashMap<>();
                walk(document, document.getDocumentCatalog().getStructureTreeRoot(), null, owners);
                List<Glyph> glyphs = new ArrayList<>();
                for (int index = 0; index < document.getNumberOfPages(); index++) {
                    PDFMarkedContentExtractor extractor = new PDFMarkedContentExtractor();
                    extractor.processPage(document.getPage(index));
                    for (PDMarkedContent content : extractor.getMarkedContents()) {
                        collect(content, index, -1, false, owners, glyphs);
                    }
                }
                return new Layout(glyphs, lines(glyphs));
            }
        }

        /** Glyphs of different blocks on one baseline that overlap: a cell's text running into the next cell. */
        List<String> overlaps() {
            Map<String, List<Glyph>> rows = new HashMap<>();
            glyphs.stream().filter(glyph -> !glyph.artifact())
                    .forEach(glyph -> rows.computeIfAbsent(glyph.page() + ":" + Math.round(glyph.baseline() * 2), row -> new ArrayList<>())
                            .add(glyph));
            List<String> overlaps = new ArrayList<>();
            rows.values().forEach(row -> {
                row.sort(Comparator.comparingDouble(Glyph::x));
                for (int i = 1; i < row.size(); i++) {
                    Glyph before = row.get(i - 1);
                    Glyph glyph = row.get(i);
                    if (before.block() != glyph.block() && glyph.x() < before.x() + before.width() - 0.5f) {
                        overlaps.add("page " + (glyph.page() + 1) + ": " + lineOf(before) + " | " + lineOf(glyph));
                    }
                }
            });
            return overlaps;
        }

        String lineOf(Glyph glyph) {
            return lines.stream().filter(line -> line.page() == glyph.page() && Math.abs(line.baseline() - glyph.baseline()) < 0.6f)
                    .map(Line::text).findFirst().orElse(glyph.text());
        }

        float minSize(java.util.function.Predicate<Glyph> which) {
            return (float) glyphs.stream().filter(which).mapToDouble(Glyph::size).min().orElse(Double.NaN);
        }

        float maxSize(java.util.function.Predicate<Glyph> which) {
            return (float) glyphs.stream().filter(which).mapToDouble(Glyph::size).max().orElse(Double.NaN);
        }

        private static void walk(PDDocument document, PDStructureNode node, PDPage page, Map<String, PDStructureElement> owners) {
            for (Object kid : node.getKids()) {
                if (kid instanceof PDStructureElement element) {
                    walk(document, element, element.getPage() != null ? element.getPage() : page, owners);
                } else if (kid instanceof Integer mcid && node instanceof PDStructureElement element && page != null) {
                    owners.put(document.getPages().indexOf(page) + ":" + mcid, element);
                } else if (kid instanceof PDMarkedContentReference reference && node instanceof PDStructureElement element) {
                    PDPage on = reference.getPage() != null ? reference.getPage() : page;
                    owners.put(document.getPages().indexOf(on) + ":" + reference.getMCID(), element);
                }
            }
        }

        private static void collect(PDMarkedContent content, int page, int outerMcid, boolean outerArtifact,
                                    Map<String, PDStructureElement> owners, List<Glyph> glyphs) {
            int mcid = content.getMCID() >= 0 ? content.getMCID() : outerMcid;
            boolean artifact = outerArtifact || "Artifact".equals(content.getTag());
            for (Object item : content.getContents()) {
                if (item instanceof PDMarkedContent nested) {
                    collect(nested, page, mcid, artifact, owners, glyphs);
                } else if (item instanceof TextPosition position && !position.getUnicode().isBlank()) {
                    PDStructureElement owner = owners.get(page + ":" + mcid);
                    boolean untagged = owner == null;
                    glyphs.add(new Glyph(page, position.getXDirAdj(), position.getYDirAdj(), position.getWidthDirAdj(),
                            size(position), position.getUnicode(), artifact || untagged, !untagged && inTable(owner),
                            untagged ? "artifact" : block(owner)));
                }
            }
        }

        /**
         * The size a reader sees: the font size as set, scaled by the text and page matrices (PDFBox's
         * text rendering matrix holds all three; its own getFontSizeInPt rounds to whole points).
         */
        private static float size(TextPosition position) {
            return position.getTextMatrix().getScalingFactorY();
        }

        private static boolean inTable(PDStructureElement element) {
            for (PDStructureNode node = element; node instanceof PDStructureElement current; node = current.getParent()) {
                String type = current.getStandardStructureType();
                if ("TD".equals(type) || "TH".equals(type) || "Table".equals(type)) {
                    return true;
                }
            }
            return false;
        }

        /** The paragraph, heading, list item or cell a glyph belongs to: its owner above any inline element. */
        private static Object block(PDStructureElement element) {
            PDStructureElement current = element;
            while (INLINE.contains(current.getStandardStructureType()) && current.getParent() instanceof PDStructureElement parent) {
                current = parent;
            }
            return current.getCOSObject(); // PDFBox makes a new wrapper per call; the dictionary is the element
        }

        private static List<Line> lines(List<Glyph> glyphs) {
            Map<Object, Map<Integer, Map<Integer, List<Glyph>>>> byBlock = new IdentityHashMap<>();
            for (Glyph glyph : glyphs) {
                byBlock.computeIfAbsent(glyph.block(), block -> new HashMap<>()).computeIfAbsent(glyph.page(), page -> new HashMap<>())
                        .computeIfAbsent(Math.round(glyph.baseline() * 2), row -> new ArrayList<>()).add(glyph);
            }
            List<Line> lines = new ArrayList<>();
            byBlock.values().forEach(pages -> pages.values().forEach(rows -> rows.values().forEach(row -> {
                row.sort(Comparator.comparingDouble(Glyph::x));
                StringBuilder text = new StringBuilder();
                Glyph previous = null;
                for (Glyph glyph : row) {
                    if (previous != null && glyph.x() - (previous.x() + previous.width()) > 0.15f * glyph.size()) {
                        text.append(' ');
                    }
                    text.append(glyph.text());
                    previous = glyph;
                }
                Glyph first = row.get(0);
                lines.add(new Line(first.page(), first.baseline(), text.toString().strip(), first.artifact(), first.inTable()));
            })));
            lines.sort(Comparator.comparingInt(Line::page).thenComparingDouble(Line::baseline));
            return lines;
        }
    }
}
