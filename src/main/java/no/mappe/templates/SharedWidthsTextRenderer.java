package no.mappe.templates;

import com.openhtmltopdf.extend.FontContext;
import com.openhtmltopdf.extend.OutputDevice;
import com.openhtmltopdf.extend.TextRenderer;
import com.openhtmltopdf.pdfboxout.PdfBoxFSFont;
import com.openhtmltopdf.pdfboxout.PdfBoxFastOutputDevice;
import com.openhtmltopdf.pdfboxout.PdfBoxFontResolver.FontDescription;
import com.openhtmltopdf.pdfboxout.PdfBoxTextRenderer;
import com.openhtmltopdf.render.FSFont;
import com.openhtmltopdf.render.JustificationInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 *
 * <p>Drawing text asks the same question: openhtmltopdf's output device measures every string it draws with
 * {@code getStringWidth} only to learn whether the first face has every glyph (if not, it splits the text into runs
 * of faces that have them). The shared widths answer that too, and such text goes straight to the device's
 * {@code drawStringFast}, as the device itself would send it; any other text goes through the device as before.
 */
final class SharedWidthsTextRenderer extends PdfBoxTextRenderer {

    /** openhtmltopdf's own tolerance before it rounds a width up to the next whole unit. */
    private static final float TEXT_MEASURING_DELTA = 0.01f;
    /**
     * The font the output device draws with: it is private, with no getter (openhtmltopdf 1.1.x). Null if a later
     * version renames it; then every string is drawn through the device's own check, as without this class.
     */
    static final VarHandle DEVICE_FONT = deviceFont();

    private final Map<PDFont, GlyphWidths> faces = new IdentityHashMap<>();
    private final boolean drawsDirectly;

    /** @param drawsDirectly whether text the shared widths can measure skips the output device's check (false: tests' reference) */
    SharedWidthsTextRenderer(boolean drawsDirectly) {
        this.drawsDirectly = drawsDirectly;
    }

    /** Measures text in this document's font with the shared widths of its face. */
    void measure(PDFont font, GlyphWidths widths) {
        faces.put(font, widths);
    }

    @Override
    public int getWidth(FontContext context, FSFont font, String string) {
        PdfBoxFSFont sized = (PdfBoxFSFont) font;
        List<FontDescription> descriptions = sized.getFontDescriptions();
        String printable = TextRenderer.getEffectivePrintableString(string);
        if (descriptions != null && !descriptions.isEmpty()) {
            float glyphSpace = glyphSpace(descriptions.get(0), printable);
            if (!Float.isNaN(glyphSpace)) {
                float result = glyphSpace / 1000f * sized.getSize2D();
                return result - Math.floor(result) < TEXT_MEASURING_DELTA ? (int) result : (int) Math.ceil(result);
            }
        }
        return super.getWidth(context, font, string);
    }

    @Override
    public void drawString(OutputDevice outputDevice, String string, float x, float y) {
        drawString(outputDevice, string, x, y, null);
    }

    @Override
    public void drawString(OutputDevice outputDevice, String string, float x, float y, JustificationInfo info) {
        if (drawsDirectly && DEVICE_FONT != null && outputDevice instanceof PdfBoxFastOutputDevice device
                && DEVICE_FONT.get(device) instanceof PdfBoxFSFont sized && !sized.getFontDescriptions().isEmpty()) {
            FontDescription first = sized.getFontDescriptions().get(0);
            String printable = TextRenderer.getEffectivePrintableString(string);
            if (!Float.isNaN(glyphSpace(first, printable))) {
                device.drawStringFast(printable, x, y, info, first, sized.getSize2D());
                return;
            }
        }
        super.drawString(outputDevice, string, x, y, info);
    }

    /**
     * The printable text's width in glyph space in the description's face, from the shared widths; NaN when they cannot
     * tell (no text, not a bundled face, a character it lacks). openhtmltopdf measures and draws with the first
     * description whose font loads; asking for the font loads it.
     */
    private float glyphSpace(FontDescription description, String printable) {
        PDFont font = printable == null ? null : description.getFont();
        GlyphWidths widths = font == null ? null : faces.get(font);
        return widths == null ? Float.NaN : widths.of(printable, font);
    }

    private static VarHandle deviceFont() {
        try {
            return MethodHandles.privateLookupIn(PdfBoxFastOutputDevice.class, MethodHandles.lookup())
                    .findVarHandle(PdfBoxFastOutputDevice.class, "_font", PdfBoxFSFont.class);
        } catch (ReflectiveOperationException | SecurityException e) {
            return null;
        }
    }
}
