package no.mappe.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFTable;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The bundled Noto Sans faces, parsed once and lent to one render at a time.
 *
 * <p>A parsed {@link TrueTypeFont} is not thread-safe (it reads its tables through one shared
 * stream and caches glyphs), so it is never shared between renders running at once: each render
 * borrows a whole set, embeds its own subset of each face into its own document, and gives the set
 * back when its document is written. A set is parsed only when every parsed one is lent out, so
 * there are never more sets than renders have run at once. Parsing skips the glyph substitution
 * (GSUB) table: substitution is off, and PDFBox would otherwise parse the whole table for every set.
 * The font files are read from the jar for each new set, not kept: each parsed face holds a copy of
 * its file anyway (PDFBox reads it into an array of its own), and a second copy would stay on the heap
 * for the rare set made after the first.
 */
final class BundledFonts {

    private final List<String> resources;
    private final Lent<List<TrueTypeFont>> sets = new Lent<>(this::parse);
    private final AtomicInteger parsed = new AtomicInteger();

    BundledFonts(List<String> resources) {
        this.resources = List.copyOf(resources);
    }

    /**
     * Parses the first set now, so that the first document does not wait for it. Throws when a face
     * cannot be parsed (a damaged build).
     */
    void prepare() {
        sets.giveBack(sets.borrow());
    }

    /** A set of faces, in the order of the resources, for this caller alone until {@link #giveBack}. */
    List<TrueTypeFont> borrow() {
        return sets.borrow();
    }

    void giveBack(List<TrueTypeFont> set) {
        sets.giveBack(set);
    }

    /** How many sets were parsed so far. */
    int parsed() {
        return parsed.get();
    }

    private List<TrueTypeFont> parse() {
        parsed.incrementAndGet();
        List<TrueTypeFont> set = new ArrayList<>(resources.size());
        try {
            for (String resource : resources) {
                TrueTypeFont font = new WithoutSubstitution().parse(new RandomAccessReadBuffer(resource(resource)));
                font.setEnableGsub(false);
                set.add(font);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("A bundled font cannot be parsed", e);
        }
        return List.copyOf(set);
    }

    /**
     * Reads the GSUB table as an opaque table, which is never parsed. PDFBox only asks for GSUB when
     * substitution or vertical writing is enabled, neither of which is ever the case here.
     */
    private static final class WithoutSubstitution extends TTFParser {

        @Override
        protected TTFTable readTable(String tag) {
            return super.readTable("GSUB".equals(tag) ? "opaque" : tag);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = BundledFonts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Bundled font missing from the jar: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
