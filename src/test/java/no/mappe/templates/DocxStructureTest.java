package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import no.mappe.cases.Programme;
import no.mappe.config.Resources;
import no.mappe.demo.DemoData;
import no.mappe.security.ProfileService;
import no.mappe.testing.OfficeConversion;
import no.mappe.testing.PdfChecks;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFldChar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTR;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblWidth;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every shipped template in nb and da, filled with sample data for a profile with a logo, rendered
 * to PDF and to DOCX; the DOCX is opened with POI as Word would open it and must have the PDF's
 * structure: Heading 1-3 paragraphs (styles with outline levels) exactly where the XHTML has h1-h3 and
 * the PDF tags H1-H3, tables within the text width with fixed layout and their header rows repeated,
 * check boxes as ☐/☒, the logo, a table-of-contents field in longer documents, and the same words
 * as the PDF. A few representative ones go through LibreOffice for the page count.
 */
class DocxStructureTest {

    private static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load(Resources.fromClasspath("templates"));
    private static final PdfRenderer PDF = new PdfRenderer();
    private static final DocxRenderer DOCX = new DocxRenderer();
    private static final TemplateFiller FILLER = new TemplateFiller(CATALOGUE);
    private static final String LOGO = logo();

    static Stream<Arguments> templatesAndLanguages() {
        return CATALOGUE.shipped().stream().flatMap(template -> template.manifest().languages().stream()
                .map(language -> Arguments.of(template.manifest().id(), language)));
    }

    private record Rendered(String xhtml, byte[] pdf, byte[] docx) {
    }

    private static Rendered render(String templateId, String language) {
        TemplateCatalogue.Template template = CATALOGUE.shipped(templateId).orElseThrow();
        Map<String, Object> fields = FieldValidator.validate(template.manifest(), SampleData.full(template.manifest()));
        String profile = "da".equals(language) ? "/demo/profile-vestera.yaml" : "/demo/profile-lysheim.yaml";
        RenderContext context = new RenderContext(language, "Lysheim Arbeid AS", "Åse Ærø Bjørnstad", LocalDate.of(1990, 4, 5),
                "AFT", Programme.displayName("AFT", language), LocalDate.of(2026, 1, 5), "Øystein Brænne", LocalDate.of(2026, 11, 23),
                ProfileService.templateView(DemoData.profile(profile).withLogo(LOGO)), fields);
        String xhtml = FILLER.fill(template, context);
        Rendered rendered = new Rendered(xhtml, PDF.render(xhtml, templateId), DOCX.render(xhtml, templateId));
        String renderDir = System.getProperty("mappe.renderDir");
        if (renderDir != null) {
            // -Dmappe.renderDir=/tmp/docx keeps both files for a look in Word or LibreOffice.
            try {
                Files.createDirectories(Path.of(renderDir));
                Files.write(Path.of(renderDir, templateId + "-" + language + ".pdf"), rendered.pdf());
                Files.write(Path.of(renderDir, templateId + "-" + language + ".docx"), rendered.docx());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rendered;
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("templatesAndLanguages")
    void theDocxHasThePdfsStructureAndWords(String templateId, String language) throws IOException {
        Rendered rendered = render(templateId, language);
        Document xhtml = XhtmlText.parse(rendered.xhtml(), templateId);
        try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(rendered.docx()))) {
            for (int level = 1; level <= 3; level++) {
                XWPFStyle style = word.getStyles().getStyle("Heading" + level);
                assertThat(style).as("style Heading" + level).isNotNull();
                assertThat(style.getName()).isEqualTo("heading " + level);
                assertThat(style.getCTStyle().getPPr().getOutlineLvl().getVal()).as("outline level of Heading" + level)
                        .isEqualTo(BigInteger.valueOf(level - 1));
            }
            List<String> headings = xhtmlHeadings(xhtml);
            assertThat(headings).as("the template has headings").isNotEmpty();
            assertThat(wordHeadings(word)).as("Heading 1-3 paragraphs").isEqualTo(headings);
            assertThat(pdfHeadingTags(rendered.pdf())).as("H1-H3 in the PDF's structure tree").isEqualTo(levels(headings));

            tablesFitAndRepeatTheirHeaders(word, xhtml);
            checkBoxesAreSymbols(word, xhtml);
            if (xhtml.getElementsByTagNameNS(OutputAllowList.XHTML, "img").getLength() > 0) {
                assertThat(word.getAllPictures()).as("the logo").isNotEmpty();
            }
            boolean toc = wordXml(word).contains(" TOC \\o ");
            assertThat(toc).as("a table-of-contents field when there are more than 3 headings").isEqualTo(headings.size() > 3);
            if (toc) {
                assertThat(dirtyFieldStarts(word)).as("the TOC field is marked for updating").isPositive();
                assertThat(new String(word.getSettings().getPackagePart().getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                        .contains("updateFields");
            }

            Set<String> pdfWords = words(PdfChecks.text(rendered.pdf()));
            Set<String> wordWords = words(wordText(word));
            assertThat(difference(pdfWords, wordWords)).as("words in the PDF missing from the DOCX").isEmpty();
            assertThat(difference(wordWords, pdfWords)).as("words in the DOCX that the PDF does not have").isEmpty();
        }
    }

    /** A signed version (as SignedVersionComposer writes it): the signature image at 13 mm and when it was signed, within the margins. */
    @Test
    void aSignedVersionKeepsItsSignatureImagesAndTimes() throws IOException {
        String xhtml = render("consent", "nb").xhtml().replaceAll("<div class=\"signature-slot\" data-signer=\"([a-z-]+)\"></div>",
                "<div class=\"signature-slot\" data-signer=\"$1\"><img src=\"data:image/png;base64," + LOGO + "\" alt=\"Signatur\""
                        + " class=\"signature-image\" style=\"height: 13mm; max-width: 60mm;\" />"
                        + "<div style=\"font-size: 7.5pt; color: #333;\">Signert 01.12.2026 10:00</div></div>");
        assertThat(xhtml).contains("signature-image");
        Document tree = XhtmlText.parse(xhtml, "consent");
        try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(DOCX.render(xhtml, "consent")))) {
            List<org.apache.poi.xwpf.usermodel.XWPFPicture> pictures = new ArrayList<>();
            word.getTables().forEach(table -> table.getRows().forEach(row -> row.getTableCells().forEach(cell -> cell.getParagraphs()
                    .forEach(paragraph -> paragraph.getRuns().forEach(run -> pictures.addAll(run.getEmbeddedPictures()))))));
            int signers = count(xhtml, "signature-image");
            assertThat(pictures).as("signature images in the signature table").hasSize(signers);
            assertThat(pictures).allSatisfy(picture -> assertThat(picture.getDepth()).as("height in points").isBetween(36.0, 38.0));
            assertThat(count(wordText(word), "Signert 01.12.2026 10:00")).isEqualTo(signers);
            tablesFitAndRepeatTheirHeaders(word, tree);
        }
    }

    /** Three representative documents (the long welcome folder, a grid table, signatures), converted in one soffice run. */
    @Test
    void libreOfficeLaysTheDocxOutOnAboutAsManyPagesAsThePdf() throws IOException {
        List<String> documents = List.of("welcome-folder/nb", "plan/da", "final-report/nb");
        List<Rendered> rendered = documents.stream().map(document -> render(document.split("/")[0], document.split("/")[1])).toList();
        List<byte[]> office = OfficeConversion.toPdfs(rendered.stream().map(Rendered::docx).toList());
        for (int i = 0; i < documents.size(); i++) {
            try (PDDocument pdf = Loader.loadPDF(rendered.get(i).pdf()); PDDocument fromDocx = Loader.loadPDF(office.get(i))) {
                assertThat(fromDocx.getNumberOfPages()).as("pages of %s's DOCX in LibreOffice (the PDF has %d)", documents.get(i),
                        pdf.getNumberOfPages()).isBetween(pdf.getNumberOfPages() - 1, pdf.getNumberOfPages() + 1);
            }
        }
    }

    // ----- headings

    private static List<String> xhtmlHeadings(Document xhtml) {
        List<String> headings = new ArrayList<>();
        NodeList all = xhtml.getElementsByTagNameNS(OutputAllowList.XHTML, "*");
        for (int i = 0; i < all.getLength(); i++) {
            String name = all.item(i).getLocalName();
            if (name.matches("h[1-3]")) {
                headings.add(name.charAt(1) + " " + normalise(all.item(i).getTextContent()));
            }
        }
        return headings;
    }

    private static List<String> wordHeadings(XWPFDocument word) {
        List<String> headings = new ArrayList<>();
        for (XWPFParagraph paragraph : word.getParagraphs()) {
            String style = paragraph.getStyle();
            if (style != null && style.matches("Heading[1-3]")) {
                headings.add(style.charAt(7) + " " + normalise(paragraph.getText()));
            }
        }
        return headings;
    }

    private static Map<String, Integer> levels(List<String> headings) {
        Map<String, Integer> counts = new LinkedHashMap<>(Map.of("H1", 0, "H2", 0, "H3", 0));
        headings.forEach(heading -> counts.merge("H" + heading.charAt(0), 1, Integer::sum));
        return counts;
    }

    private static Map<String, Integer> pdfHeadingTags(byte[] pdf) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>(Map.of("H1", 0, "H2", 0, "H3", 0));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            countTags(document.getDocumentCatalog().getStructureTreeRoot(), counts);
        }
        return counts;
    }

    private static void countTags(PDStructureNode node, Map<String, Integer> counts) {
        for (Object kid : node.getKids()) {
            if (kid instanceof PDStructureElement element) {
                counts.computeIfPresent(element.getStandardStructureType(), (type, count) -> count + 1);
                countTags(element, counts);
            }
        }
    }

    // ----- tables and check boxes

    private static void tablesFitAndRepeatTheirHeaders(XWPFDocument word, Document xhtml) {
        CTSectPr section = word.getDocument().getBody().getSectPr();
        long textWidth = ((BigInteger) section.getPgSz().getW()).longValue() - ((BigInteger) section.getPgMar().getLeft()).longValue()
                - ((BigInteger) section.getPgMar().getRight()).longValue();
        assertThat(textWidth).as("text width of A4 less 2 x 39 mm (the layout's 132 mm column), in twips").isBetween(7480L, 7490L);
        List<Element> tables = elements(xhtml, "table");
        assertThat(word.getTables()).as("tables").hasSize(tables.size());
        for (int t = 0; t < tables.size(); t++) {
            XWPFTable table = word.getTables().get(t);
            String which = "table " + (t + 1);
            assertThat(table.getCTTbl().getTblPr().getTblW().getType()).as(which + " width type").isEqualTo(STTblWidth.DXA);
            assertThat(((BigInteger) table.getCTTbl().getTblPr().getTblW().getW()).longValue()).as(which + " width")
                    .isLessThanOrEqualTo(textWidth);
            assertThat(table.getCTTbl().getTblPr().getTblLayout().getType()).as(which + " layout").isEqualTo(STTblLayoutType.FIXED);
            long grid = table.getCTTbl().getTblGrid().getGridColList().stream()
                    .mapToLong(col -> ((BigInteger) col.getW()).longValue()).sum();
            assertThat(grid).as(which + " columns").isLessThanOrEqualTo(textWidth).isGreaterThan(textWidth - 100);
            for (XWPFTableRow row : table.getRows()) {
                long cells = 0;
                for (XWPFTableCell cell : row.getTableCells()) {
                    CTTcPr properties = cell.getCTTc().getTcPr();
                    cells += ((BigInteger) properties.getTcW().getW()).longValue();
                }
                assertThat(cells).as(which + " cells of a row").isLessThanOrEqualTo(textWidth);
            }
            boolean header = elements(tables.get(t), "thead").size() > 0 || columnHeaderRow(tables.get(t));
            assertThat(table.getRow(0).isRepeatHeader()).as(which + " header row repeated").isEqualTo(header);
            if (header) {
                assertThat(table.getRows().subList(1, table.getRows().size())).noneMatch(XWPFTableRow::isRepeatHeader);
            }
        }
    }

    private static boolean columnHeaderRow(Element table) {
        Element first = elements(table, "tr").get(0);
        List<Element> cells = new ArrayList<>();
        for (Node node = first.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element cell && Set.of("td", "th").contains(cell.getLocalName())) {
                cells.add(cell);
            }
        }
        return cells.size() > 1
                && cells.stream().allMatch(cell -> "th".equals(cell.getLocalName()) && !"row".equals(cell.getAttribute("scope")));
    }

    private static void checkBoxesAreSymbols(XWPFDocument word, Document xhtml) {
        int boxes = 0;
        int ticked = 0;
        for (Element span : elements(xhtml, "span")) {
            if (XhtmlToWord.classes(span).contains("check")) {
                boxes++;
                ticked += span.getTextContent().replace('\u00a0', ' ').isBlank() ? 0 : 1;
            }
        }
        String text = wordText(word);
        assertThat(count(text, "☐") + count(text, "☒")).as("check boxes").isEqualTo(boxes);
        assertThat(count(text, "☒")).as("ticked check boxes").isEqualTo(ticked);
        assertThat(text).doesNotContain("[ ]", "[x]", "[X]");
    }

    // ----- words

    /** The body's text (tables included, the table of contents left out) and the footers' text, check marks as the PDF's X. */
    private static String wordText(XWPFDocument word) {
        StringBuilder text = new StringBuilder();
        for (IBodyElement element : word.getBodyElements()) {
            if (element instanceof XWPFParagraph paragraph) {
                if (paragraph.getStyle() == null || !paragraph.getStyle().startsWith("TOC")) {
                    text.append(paragraph.getText()).append('\n');
                }
            } else if (element instanceof XWPFTable table) {
                for (XWPFTableRow row : table.getRows()) {
                    for (XWPFTableCell cell : row.getTableCells()) {
                        cell.getParagraphs().forEach(paragraph -> text.append(paragraph.getText()).append('\n'));
                    }
                }
            }
        }
        for (XWPFFooter footer : word.getFooterList()) {
            text.append(footer.getText()).append('\n');
        }
        return text.toString();
    }

    /**
     * The runs of letters and digits that hold a letter; a ticked box counts as the PDF's X. Split at hyphens and dots too, as
     * the PDF's text breaks "NAV-kontoret" at a line end and runs a table's label into its value ("sted.04.05.2026").
     */
    private static Set<String> words(String text) {
        Set<String> words = new TreeSet<>();
        for (String word : text.replace("☒", " X ").split("[^\\p{L}\\p{N}]+")) {
            if (word.codePoints().anyMatch(Character::isLetter)) {
                words.add(word);
            }
        }
        return words;
    }

    private static Set<String> difference(Set<String> from, Set<String> without) {
        Set<String> difference = new TreeSet<>(from);
        difference.removeAll(without);
        return difference;
    }

    // ----- helpers

    private static String wordXml(XWPFDocument word) {
        return word.getDocument().xmlText();
    }

    private static int dirtyFieldStarts(XWPFDocument word) {
        int dirty = 0;
        for (XWPFParagraph paragraph : word.getParagraphs()) {
            for (CTR run : paragraph.getCTP().getRList()) {
                for (CTFldChar field : run.getFldCharList()) {
                    if ("begin".equals(field.getFldCharType().toString()) && Boolean.TRUE.equals(parse(field.getDirty()))) {
                        dirty++;
                    }
                }
            }
        }
        return dirty;
    }

    private static Boolean parse(Object onOff) {
        return onOff != null && Set.of("true", "1", "on").contains(onOff.toString());
    }

    private static List<Element> elements(Node root, String name) {
        NodeList nodes = root instanceof Document document ? document.getElementsByTagNameNS(OutputAllowList.XHTML, name)
                : ((Element) root).getElementsByTagNameNS(OutputAllowList.XHTML, name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static int count(String text, String symbol) {
        return text.split(symbol, -1).length - 1;
    }

    private static String normalise(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    /** A small real PNG, as an organisation would upload it. */
    private static String logo() {
        BufferedImage image = new BufferedImage(120, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, 120, 40);
        graphics.setColor(new Color(0x1f, 0x5f, 0x8b));
        graphics.fillOval(4, 4, 32, 32);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
