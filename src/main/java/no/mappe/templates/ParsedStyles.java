package no.mappe.templates;

import com.openhtmltopdf.css.parser.CSSParser;
import com.openhtmltopdf.css.sheet.Stylesheet;
import com.openhtmltopdf.css.sheet.StylesheetInfo;
import com.openhtmltopdf.simple.extend.XhtmlNamespaceHandler;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * The CSS of the documents' {@code <style>} elements, parsed once per distinct text and lent to one render
 * at a time. openhtmltopdf parses a document's style elements anew for every render, and every shipped
 * template has the same one (the layout partial's): parsing it was 3% of a welcome folder's render and more
 * of a short document's.
 *
 * <p>A parsed stylesheet is not shared between renders running at once: openhtmltopdf's matcher numbers its
 * selectors for the document at hand, and declarations keep what they work out on first use. Each render
 * borrows a stylesheet of its own for each text ({@link Lent}) and gives it back once its document is
 * written; the next render numbers the selectors again. At most {@value #MOST_TEXTS} texts are kept (the
 * shipped one, and those of organisations' own templates); beyond that a text is parsed for each render,
 * as openhtmltopdf would.
 */
final class ParsedStyles {

    private static final Logger LOG = LoggerFactory.getLogger(ParsedStyles.class);
    static final int MOST_TEXTS = 64;

    private final Map<String, Lent<Stylesheet>> byText = new ConcurrentHashMap<>();

    /** The style elements of one document, lent while it renders; give them back once it is written. */
    Loans forOneDocument() {
        return new Loans();
    }

    /** How many distinct texts are kept (for tests). */
    int texts() {
        return byText.size();
    }

    private Stylesheet borrow(String css) {
        Lent<Stylesheet> lent = byText.size() < MOST_TEXTS ? byText.computeIfAbsent(css, text -> new Lent<>(() -> parse(text)))
                : byText.get(css);
        return lent != null ? lent.borrow() : parse(css);
    }

    private void giveBack(String css, Stylesheet sheet) {
        Lent<Stylesheet> lent = byText.get(css);
        if (lent != null) {
            lent.giveBack(sheet);
        }
    }

    /** As openhtmltopdf parses a style element (author origin); the allow-list has already checked the text. */
    private static Stylesheet parse(String css) {
        CSSParser parser = new CSSParser((uri, message) -> LOG.debug("CSS of a template: {}", message));
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
