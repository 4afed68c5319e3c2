package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.openhtmltopdf.bidi.SimpleBidiReorderer;
import com.openhtmltopdf.css.constants.IdentValue;
import com.openhtmltopdf.extend.TextRenderer;
import com.openhtmltopdf.extend.impl.FSNoOpCacheStore;
import com.openhtmltopdf.pdfboxout.PdfBoxFSFont;
import com.openhtmltopdf.pdfboxout.PdfBoxFontResolver.FontDescription;
import com.openhtmltopdf.pdfboxout.PdfBoxTextRenderer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import no.mappe.templates.PdfRenderer.Shortcut;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;

/**
 * Text measured with the shared glyph widths ({@link SharedWidthsTextRenderer}, {@link GlyphWidths}) has exactly the
 * width openhtmltopdf's own measuring gives, for every word and line of every shipped template in both languages, in
 * each bundled face, at the sizes the templates use; widths looked up through one document's font serve another's.
 */
class SharedWidthsTest {

    private static final List<String> FACES = List.of("/fonts/NotoSans-Regular.ttf", "/fonts/NotoSans-Bold.ttf",
            "/fonts/NotoSans-Italic.ttf", "/fonts/NotoSans-BoldItalic.ttf");
    private static final float[] SIZES = {7.5f, 9f, 10f, 10.5f, 11f, 12f, 13.333f, 14f, 18f, 24f};
    /** Characters the faces lack (CJK, an emoji outside the BMP), control and invisible characters, typographic marks. */
    private static final List<String> AWKWARD = List.of("", " ", "\u00ad", "ord\u00adde\u00adling", "null\u200bbredde", "tab\there",
            "«sitat» – tankestrek — og ‘enkle’ “doble”", "€ 1 234,50 kr", "中文", "smil 😀 her", "Ærø中Åse", "x\uFFFDy", "\u0000");

    @Test
    void widthsFromOneDocumentMeasureAnotherExactlyAsOpenhtmltopdfDoes() throws IOException {
        List<String> texts = corpus();
        assertThat(texts).hasSizeGreaterThan(2_000);
        BundledFonts fonts = new BundledFonts(FACES);
        List<TrueTypeFont> faces = fonts.borrow();
        int compared = 0;
        try (PDDocument first = new PDDocument(); PDDocument second = new PDDocument()) {
            for (TrueTypeFont face : faces) {
                GlyphWidths shared = new GlyphWidths();
                PDFont firstFont = PDType0Font.load(first, face, true);
                // The first document's font fills the table...
                for (String text : texts) {
                    shared.of(text, firstFont);
                }
                // ...which then measures the second document's text.
                PDFont secondFont = PDType0Font.load(second, face, true);
                SharedWidthsTextRenderer measuring = new SharedWidthsTextRenderer(true);
                measuring.measure(secondFont, shared);
                PdfBoxTextRenderer plain = new PdfBoxTextRenderer();
                measuring.setup(null, new SimpleBidiReorderer());
                plain.setup(null, new SimpleBidiReorderer());
                for (float size : SIZES) {
                    PdfBoxFSFont sized = new PdfBoxFSFont(List.of(new FontDescription(second, () -> secondFont, IdentValue.NORMAL, 400,
                            PdfRenderer.FONT_FAMILY, false, true, new FSNoOpCacheStore())), size);
                    for (String text : texts) {
                        // Text the face cannot measure on its own goes to openhtmltopdf's own measuring, which needs a whole render.
                        if (!Float.isNaN(shared.of(TextRenderer.getEffectivePrintableString(text), secondFont))) {
                            assertThat(measuring.getWidth(null, sized, text)).as("'%s' at %s pt", text, size)
                                    .isEqualTo(plain.getWidth(null, sized, text));
                            compared++;
                        }
                    }
                }
                for (String text : texts) {
                    float glyphSpace = shared.of(text, secondFont);
                    if (!Float.isNaN(glyphSpace)) {
                        assertThat(Float.floatToIntBits(glyphSpace)).as("'%s' in glyph space", text)
                                .isEqualTo(Float.floatToIntBits(secondFont.getStringWidth(text)));
                    }
                }
            }
        }
        fonts.giveBack(faces);
        // All but the few awkward texts with a character the faces lack (each face lacks the same ones).
        assertThat(compared).isGreaterThan(FACES.size() * SIZES.length * (texts.size() - AWKWARD.size()));
    }

    @Test
    void textAFaceCannotMeasureOnItsOwnIsLeftToOpenhtmltopdf() throws IOException {
        BundledFonts fonts = new BundledFonts(FACES.subList(0, 1));
        List<TrueTypeFont> faces = fonts.borrow();
        try (PDDocument document = new PDDocument()) {
            PDFont font = PDType0Font.load(document, faces.get(0), true);
            GlyphWidths widths = new GlyphWidths();
            assertThat(widths.of("Åse", font)).isEqualTo(font.getStringWidth("Åse"));
            assertThat(widths.of("Åse 中", font)).as("a character the face lacks").isNaN();
            assertThat(widths.of("smil 😀", font)).as("outside the Basic Multilingual Plane").isNaN();
            assertThat(widths.of("", font)).isZero();
        }
    }

    @Test
    void textDrawnWithoutTheDevicesOwnCheckMakesTheSamePagesAsOpenhtmltopdfsDrawing() throws IOException {
        assertThat(SharedWidthsTextRenderer.DEVICE_FONT).as("openhtmltopdf's output device still keeps its font where it is read")
                .isNotNull();
        PdfRenderer direct = new PdfRenderer(1, java.time.Duration.ofSeconds(30), Shortcut.all());
        PdfRenderer reference = new PdfRenderer(1, java.time.Duration.ofSeconds(30), Shortcut.allBut(Shortcut.DRAWS_DIRECTLY));
        int pages = 0;
        int named = 0;
        for (ShippedSamples.FilledTemplate filled : ShippedSamples.filledTemplates()) {
            // Lines the faces lack a glyph for take openhtmltopdf's own path in both: they must still come out the same.
            String xhtml = filled.xhtml().replace("Åse Ærø Bjørnstad", "Åse Ærø Bjørnstad 中文");
            byte[] pdf = direct.render(xhtml, filled.id());
            pages += ShippedSamples.assertSamePages(pdf, reference.render(xhtml, filled.id()), filled.id());
            if (xhtml.contains("中文")) {
                try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                    assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains("Bjørnstad");
                }
                named++;
            }
        }
        assertThat(pages).isGreaterThan(20);
        assertThat(named).as("documents with a line the faces lack a glyph of").isGreaterThan(10);
    }

    /** Every line and word of every shipped template, filled with sample data, in each of its languages, and the awkward cases. */
    private static List<String> corpus() {
        Set<String> texts = new LinkedHashSet<>(AWKWARD);
        for (ShippedSamples.FilledTemplate filled : ShippedSamples.filledTemplates()) {
            String text = XhtmlText.of(filled.xhtml(), filled.id());
            for (String line : text.split("\n")) {
                texts.add(line);
                texts.addAll(List.of(line.split(" ")));
            }
        }
        return new ArrayList<>(texts);
    }
}
