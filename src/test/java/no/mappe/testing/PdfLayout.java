package no.mappe.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference;
import org.apache.pdfbox.text.PDFMarkedContentExtractor;
import org.apache.pdfbox.text.TextPosition;

/**
 * What a reader sees of a rendered PDF, measured through its own tagging (PDF/UA): every glyph with
 * its size in points, whether it is page furniture (an artifact) or in a table, and the lines it
 * makes. Used to hold documents to UX.md's floors for text size and line length.
 */
public record PdfLayout(List<Glyph> glyphs, List<Line> lines) {

    /** UX.md's floors: running text of a document, table cells, and page furniture (footer, page numbers), in points. */
    public static final float BODY_FLOOR = 11f;
    public static final float TABLE_FLOOR = 10.5f;
    public static final float FURNITURE_FLOOR = 8f;
    private static final float TOLERANCE = 0.05f;

    /** Structure types inside a block: their text belongs to the paragraph, cell or heading around them. */
    private static final Set<String> INLINE = Set.of("Span", "Link", "Em", "Strong", "Quote", "Code", "Reference", "Note", "Lbl");

    /** A glyph with its size in points and what the tagging says it belongs to. */
    public record Glyph(int page, float x, float baseline, float width, float size, String text, boolean artifact, boolean inTable,
                 Object block) {
    }

    /** A line of one block (paragraph, list item, heading, cell) as the characters a reader sees. */
    public record Line(int page, float baseline, String text, boolean artifact, boolean inTable) {
    }




    public static PdfLayout of(byte[] pdf) throws IOException {
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
            return new PdfLayout(glyphs, lines(glyphs));
        }
    }

    /** Every glyph smaller than its floor ({@link #BODY_FLOOR}, {@link #TABLE_FLOOR}, {@link #FURNITURE_FLOOR}), with its line. */
    public List<String> belowFloors() {
        List<String> small = new ArrayList<>();
        for (Glyph glyph : glyphs) {
            float floor = glyph.artifact() ? FURNITURE_FLOOR : glyph.inTable() ? TABLE_FLOOR : BODY_FLOOR;
            if (glyph.size() + TOLERANCE < floor) {
                small.add(String.format("%.1f pt < %.1f on page %d: %s", glyph.size(), floor, glyph.page() + 1, lineOf(glyph)));
            }
        }
        return small;
    }

    /** Glyphs of different blocks on one baseline that overlap: a cell's text running into the next cell. */
    public List<String> overlaps() {
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

    public String lineOf(Glyph glyph) {
        return lines.stream().filter(line -> line.page() == glyph.page() && Math.abs(line.baseline() - glyph.baseline()) < 0.6f)
                .map(Line::text).findFirst().orElse(glyph.text());
    }

    public float minSize(java.util.function.Predicate<Glyph> which) {
        return (float) glyphs.stream().filter(which).mapToDouble(Glyph::size).min().orElse(Double.NaN);
    }

    public float maxSize(java.util.function.Predicate<Glyph> which) {
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
