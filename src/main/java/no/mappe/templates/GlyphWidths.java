package no.mappe.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * One bundled face's advance widths by character, looked up once for every document.
 *
 * <p>PDFBox takes a width from the face's own metrics, so a character's width is the same in every
 * document the face is embedded in. The table is shared by renders running at once without a lock:
 * a slot only ever goes from "not looked up" (0, the value of a new array) to the one width every
 * render would find, and a float is written whole, so a render that does not yet see another's
 * lookup (or block of slots) looks it up again. Blocks of 256 characters are made when first
 * needed: Norwegian and Danish text touches a handful of the 256.
 */
final class GlyphWidths {

    private static final int BLOCK = 256;
    /** A width of zero, told apart from "not looked up" by its sign; adding it to a sum changes nothing. */
    private static final float ZERO = -0.0f;
    private static final float NO_GLYPH = Float.NEGATIVE_INFINITY;

    private final float[][] blocks = new float[(Character.MAX_VALUE + 1) / BLOCK][];

    /**
     * The width of the text in glyph space, as {@link PDFont#getStringWidth} gives it for this face (summed in the same
     * order and precision, so equal to the bit), or NaN when the face lacks a character or the text leaves the Basic
     * Multilingual Plane: the caller then measures as PDFBox does.
     *
     * @param font this face as embedded in the caller's document, for characters not looked up yet
     */
    float of(String text, PDFont font) {
        float width = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                return Float.NaN;
            }
            float[] block = blocks[c / BLOCK];
            if (block == null) {
                block = new float[BLOCK];
                blocks[c / BLOCK] = block;
            }
            float glyph = block[c % BLOCK];
            if (Float.floatToRawIntBits(glyph) == 0) {
                glyph = lookUp(c, font);
                block[c % BLOCK] = glyph;
            }
            if (glyph == NO_GLYPH) {
                return Float.NaN;
            }
            width += glyph;
        }
        return width;
    }

    private static float lookUp(char c, PDFont font) {
        try {
            float width = font.getStringWidth(String.valueOf(c));
            return width == 0 ? ZERO : width;
        } catch (IllegalArgumentException noGlyph) {
            return NO_GLYPH;
        } catch (IOException e) {
            throw new UncheckedIOException("A bundled font's widths cannot be read", e);
        }
    }
}
