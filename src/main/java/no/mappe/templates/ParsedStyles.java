package no.mappe.templates;

import com.openhtmltopdf.css.parser.CSSParser;
import com.openhtmltopdf.css.sheet.Stylesheet;
import com.openhtmltopdf.css.sheet.StylesheetInfo;
import com.openhtmltopdf.simple.extend.XhtmlNamespaceHandler;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.w3c.dom.Element;

/**
 * The CSS of the documents' {@code <style>} elements, parsed once per distinct text and lent to one render
 * at a time. openhtmltopdf parses a document's style elements anew for every render, and every shipped
 * template has the same one (the layout partial's): parsing it was 2-3% of every shipped template's render.
 *
 * <p>A parsed stylesheet is not shared between renders running at once: openhtmltopdf's matcher numbers its
 * selectors for the document at hand, and declarations keep what they work out on first use. Each render
 * borrows a stylesheet of its own for each text ({@link Lent}) and gives it back once its document is
 * written; the next render numbers the selectors again. At most {@value #MOST_TEXTS} texts are kept (the
 * shipped one, and those of organisations' own templates); beyond that a text is parsed for each render,
 * as openhtmltopdf would. An organisation's template may put a participant's name into its CSS (a running
 * header), so a text that no render has used for {@link #KEPT_UNUSED} is dropped.
 */
final class ParsedStyles {

    static final int MOST_TEXTS = 64;
    static final Duration KEPT_UNUSED = Duration.ofMinutes(10);

    private final Map<String, Kept> byText = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Instant lastSweep;

    /** The parsed stylesheets of one text, and when a render last borrowed one. */
    private record Kept(Lent<Stylesheet> sheets, AtomicReference<Instant> lastUsed) {
    }

    ParsedStyles() {
        this(Clock.systemUTC());
    }

    ParsedStyles(Clock clock) {
        this.clock = clock;
        this.lastSweep = clock.instant();
    }

    /** The style elements of one document, lent while it renders; give them back once it is written. */
    Loans forOneDocument() {
        return new Loans();
    }

    /** How many distinct texts are kept (for tests). */
    int texts() {
        return byText.size();
    }

    private Stylesheet borrow(String css) {
        Instant now = clock.instant();
        dropUnused(now);
        Kept kept = byText.size() < MOST_TEXTS
                ? byText.computeIfAbsent(css, text -> new Kept(new Lent<>(() -> parse(text)), new AtomicReference<>(now)))
                : byText.get(css);
        if (kept == null) {
            return parse(css);
        }
        kept.lastUsed().set(now);
        return kept.sheets().borrow();
    }

    /** A stylesheet lent out while its text was dropped is not kept either. */
    private void giveBack(String css, Stylesheet sheet) {
        Kept kept = byText.get(css);
        if (kept != null) {
            kept.sheets().giveBack(sheet);
        }
    }

    /** At most once a minute: the texts no render has used for {@link #KEPT_UNUSED} are dropped. */
    private void dropUnused(Instant now) {
        if (Duration.between(lastSweep, now).compareTo(Duration.ofMinutes(1)) < 0) {
            return;
        }
        lastSweep = now;
        Instant unusedSince = now.minus(KEPT_UNUSED);
        byText.values().removeIf(kept -> kept.lastUsed().get().isBefore(unusedSince));
    }

    /**
     * As openhtmltopdf parses a style element (author origin); the allow-list has already checked the text. What
     * the parser skips is not logged: its messages quote the CSS, which may hold a name.
     */
    private static Stylesheet parse(String css) {
        CSSParser parser = new CSSParser((uri, message) -> { });
        try {
            return parser.parseStylesheet("style", StylesheetInfo.AUTHOR, new StringReader(css));
        } catch (IOException e) {
            throw new UncheckedIOException("A string could not be read", e);
        }
    }

    /**
     * openhtmltopdf's XHTML handler, except that a style element comes with its stylesheet already parsed (and
     * so is not parsed again). Everything else, the user agent's own stylesheet included, is openhtmltopdf's.
     */
    final class Loans extends XhtmlNamespaceHandler {

        private final List<Map.Entry<String, Stylesheet>> lent = new ArrayList<>();

        private Loans() {
        }

        @Override
        protected StylesheetInfo readStyleElement(Element style) {
            StylesheetInfo inline = super.readStyleElement(style);
            if (inline == null) {
                return null;
            }
            String css = inline.getContent();
            Stylesheet sheet = borrow(css);
            lent.add(Map.entry(css, sheet));
            StylesheetInfo parsed = new StylesheetInfo();
            parsed.setMedia(style.getAttribute("media"));
            parsed.setType(inline.getType());
            parsed.setTitle(inline.getTitle());
            parsed.setOrigin(StylesheetInfo.AUTHOR);
            parsed.setUri("style");
            parsed.setStylesheet(sheet);
            return parsed;
        }

        /** After the document is written: the stylesheets go back for the next render. */
        void giveBack() {
            lent.forEach(loan -> ParsedStyles.this.giveBack(loan.getKey(), loan.getValue()));
            lent.clear();
        }
    }
}
