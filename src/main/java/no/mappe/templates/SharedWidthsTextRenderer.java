package no.mappe.templates;

import com.openhtmltopdf.extend.FontContext;
import com.openhtmltopdf.extend.TextRenderer;
import com.openhtmltopdf.pdfboxout.PdfBoxFSFont;
import com.openhtmltopdf.pdfboxout.PdfBoxFontResolver.FontDescription;
import com.openhtmltopdf.pdfboxout.PdfBoxTextRenderer;
import com.openhtmltopdf.render.FSFont;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * openhtmltopdf's text measuring, with the bundled faces' widths from {@link GlyphWidths} shared by all documents.
 *
 * <p>openhtmltopdf measures every word and line it breaks with PDFBox's {@code PDFont.getStringWidth}, which encodes the
 * text through the face's character map and decodes it again before it adds up the widths: about an eighth of a render.
 * The sum is the same here (same widths, order and rounding), so the layout is too. Text a bundled face cannot measure
 * on its own (a character it lacks) is measured by openhtmltopdf as before. One per render, like the one it replaces.
 */
final class SharedWidthsTextRenderer extends PdfBoxTextRenderer {

    /** openhtmltopdf's own tolerance before it rounds a width up to the next whole unit. */
    private static final float TEXT_MEASURING_DELTA = 0.01f;

    private final Map<PDFont, GlyphWidths> faces = new IdentityHashMap<>();

    /** Measures text in this document's font with the shared widths of its face. */
    void measure(PDFont font, GlyphWidths widths) {
        faces.put(font, widths);
    }

    @Override
    public int getWidth(FontContext context, FSFont font, String string) {
        PdfBoxFSFont sized = (PdfBoxFSFont) font;
        List<FontDescription> descriptions = sized.getFontDescriptions();
        String printable = TextRenderer.getEffectivePrintableString(string);
        if (printable != null && descriptions != null && !descriptions.isEmpty()) {
            // openhtmltopdf measures with the first description whose font loads; asking for it loads it.
            PDFont first = descriptions.get(0).getFont();
            GlyphWidths widths = first == null ? null : faces.get(first);
            float glyphSpace = widths == null ? Float.NaN : widths.of(printable, first);
            if (!Float.isNaN(glyphSpace)) {
                float result = glyphSpace / 1000f * sized.getSize2D();
                return result - Math.floor(result) < TEXT_MEASURING_DELTA ? (int) result : (int) Math.ceil(result);
            }
        }
        return super.getWidth(context, font, string);
    }
}
