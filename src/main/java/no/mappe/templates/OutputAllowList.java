package no.mappe.templates;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import no.mappe.errors.RenderRefused;
import org.jsoup.nodes.Attribute;
import org.jsoup.safety.Safelist;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The allow-list every document passes before a renderer sees it: the filled output of a template,
 * whatever its source looked like, and the pages Mappe writes itself (signed versions with their
 * signature images, the innsyn index, the disposal certificate). Elements and attributes are checked
 * with jsoup's {@link Safelist}; links may only point inside the document, images must be embedded
 * PNGs, and CSS may not load anything (no url(), @import or @font-face). jsoup's Cleaner is not
 * used as is: it looks at the body only, and the renderers need the head (styles, metadata,
 * openhtmltopdf's bookmarks), so the same Safelist is applied to every element here.
 *
 * <p>The tree that was checked is the tree the renderers get: the XHTML is parsed once (by the
 * JDK's parser, DOCTYPEs refused) and never again, so no difference between two parsers can let
 * something through.
 */
public final class OutputAllowList {

    static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final String XML = "http://www.w3.org/XML/1998/namespace";
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    private static final String EMBEDDED_PNG = "data:image/png;base64,";
    /** Far deeper than any document needs; keeps every later tree walk (renderers, text extraction) shallow. */
    static final int MAX_DEPTH = 100;
    private static final List<String> CSS_THAT_LOADS = List.of("url(", "@import", "@font-face", "image(", "image-set(", "cross-fade(",
            "expression(");

    private static final Safelist SAFELIST = new DocumentSafelist()
            .addTags("html", "head", "title", "meta", "style", "body", "bookmarks", "bookmark",
                    "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "hr",
                    "section", "article", "header", "footer", "aside", "figure", "figcaption", "address",
                    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
                    "span", "a", "strong", "b", "em", "i", "u", "s", "small", "sub", "sup", "br", "code", "abbr", "cite", "q", "mark",
                    "del", "ins", "img")
            .addAttributes(":all", "class", "id", "style", "lang", "xml:lang", "title", "dir", "role", "aria-label", "aria-hidden")
            .addAttributes("meta", "charset", "name", "content")
            .addAttributes("a", "href")
            .addAttributes("bookmark", "name", "href")
            .addAttributes("img", "src", "alt", "width", "height")
            .addAttributes("th", "scope", "colspan", "rowspan", "headers", "abbr")
            .addAttributes("td", "colspan", "rowspan", "headers")
            .addAttributes("col", "span")
            .addAttributes("colgroup", "span")
            .addAttributes("ol", "start", "type", "reversed")
            .addAttributes("li", "value")
            .addAttributes("div", "data-signer");

    private OutputAllowList() {
    }

    /**
     * Parses filled XHTML and checks every node of it; returns the checked tree, ready for a
     * renderer, or throws {@link RenderRefused} naming the first thing that is not allowed.
     */
    public static Document check(String xhtml, String templateId) {
        Document document = XhtmlText.parse(xhtml, templateId);
        refusal(document).ifPresent(reason -> {
            throw new RenderRefused("Template '" + templateId + "' produced output outside the allow-list: " + reason);
        });
        return document;
    }

    /** What is not allowed in a parsed document, if anything. */
    static Optional<String> refusal(Document document) {
        Element root = document.getDocumentElement();
        if (!XHTML.equals(root.getNamespaceURI()) || !"html".equals(root.getLocalName())) {
            return Optional.of("the document must be one <html> element in the XHTML namespace");
        }
        for (Node child = document.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child != root && child.getNodeType() != Node.COMMENT_NODE) {
                return Optional.of("only comments may stand beside the <html> element (no processing instructions)");
            }
        }
        // Iterative, so a hostile depth cannot overflow the stack here.
        Deque<Node> pending = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        pending.push(root);
        depths.push(1);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            int depth = depths.pop();
            Optional<String> problem = switch (node.getNodeType()) {
                case Node.ELEMENT_NODE -> depth > MAX_DEPTH
                        ? Optional.of("elements nest more than " + MAX_DEPTH + " levels deep")
                        : element((Element) node);
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE, Node.COMMENT_NODE -> Optional.empty();
                case Node.PROCESSING_INSTRUCTION_NODE -> Optional.of("processing instructions (<?...?>) are not allowed");
                default -> Optional.of("only elements, text and comments are allowed");
            };
            if (problem.isPresent()) {
                return problem;
            }
            for (Node child = node.getLastChild(); child != null; child = child.getPreviousSibling()) {
                pending.push(child);
                depths.push(depth + 1);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> element(Element element) {
        String name = element.getLocalName();
        if (!XHTML.equals(element.getNamespaceURI()) || element.getPrefix() != null) {
            return Optional.of("the element <" + element.getNodeName() + "> is not an XHTML element");
        }
        if (!SAFELIST.isSafeTag(name)) {
            return Optional.of("the element <" + name + "> is not allowed");
        }
        // The Safelist asks for the element only to resolve URLs for protocol lists, which this one has none of.
        org.jsoup.nodes.Element probe = new org.jsoup.nodes.Element(name);
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            if (XMLNS.equals(attribute.getNamespaceURI())) {
                if (!"xmlns".equals(attribute.getNodeName()) || !XHTML.equals(attribute.getNodeValue())) {
                    return Optional.of("the namespace declaration " + attribute.getNodeName() + " on <" + name + "> is not allowed");
                }
                continue;
            }
            String key = XML.equals(attribute.getNamespaceURI()) ? "xml:" + attribute.getLocalName()
                    : attribute.getNamespaceURI() == null && attribute.getPrefix() == null ? attribute.getNodeName() : null;
            if (key == null) {
                return Optional.of("the attribute " + attribute.getNodeName() + " on <" + name + "> is not allowed");
            }
            if (!SAFELIST.isSafeAttribute(name, probe, new Attribute(key, attribute.getNodeValue()))) {
                return Optional.of(attributeRefusal(name, key, attribute.getNodeValue()));
            }
        }
        if ("style".equals(name)) {
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeType() != Node.TEXT_NODE && child.getNodeType() != Node.CDATA_SECTION_NODE
                        && child.getNodeType() != Node.COMMENT_NODE) {
                    return Optional.of("a <style> element may hold CSS text only");
                }
            }
            return cssRefusal(element.getTextContent()).map(reason -> "the CSS in a <style> element " + reason);
        }
        return Optional.empty();
    }

    /** Why an attribute failed, without repeating its value (it may be personal data). */
    private static String attributeRefusal(String element, String attribute, String value) {
        String where = "the attribute " + attribute + " on <" + element + ">";
        return switch (attribute) {
            case "href" -> where + " must point inside the document (href=\"#...\")";
            case "src" -> where + " must be an embedded PNG image (" + EMBEDDED_PNG + "...)";
            case "style" -> where + " " + cssRefusal(value).orElse("is not allowed");
            default -> where + " is not allowed";
        };
    }

    /** Why a piece of CSS may not be used: it loads something, or it hides what it does in escapes. */
    static Optional<String> cssRefusal(String css) {
        if (css.indexOf('\\') >= 0) {
            return Optional.of("uses CSS escapes (\\), which are not allowed");
        }
        if (css.indexOf('(') < 0 && css.indexOf('@') < 0) {
            return Optional.empty();
        }
        String compact = compact(css);
        for (String loader : CSS_THAT_LOADS) {
            if (compact.contains(loader)) {
                return Optional.of("loads something (" + loader + "); use the bundled font 'Noto Sans' and embedded images only");
            }
        }
        return Optional.empty();
    }

    /** The CSS in lower case without comments and white space, so neither can hide a function from the check. */
    private static String compact(String css) {
        StringBuilder compact = new StringBuilder(css.length());
        for (int i = 0; i < css.length(); i++) {
            char c = css.charAt(i);
            if (c == '/' && i + 1 < css.length() && css.charAt(i + 1) == '*') {
                int end = css.indexOf("*/", i + 2);
                i = end < 0 ? css.length() : end + 1;
            } else if (!Character.isWhitespace(c)) {
                compact.append(Character.toLowerCase(c));
            }
        }
        return compact.toString();
    }

    /**
     * jsoup's Safelist, narrowed where its protocol lists are coarse (and slow: they resolve every
     * value as a URL): a link must be an anchor in this document, an image an embedded PNG, and CSS
     * must load nothing.
     */
    private static final class DocumentSafelist extends Safelist {

        @Override
        public boolean isSafeAttribute(String tagName, org.jsoup.nodes.Element element, Attribute attribute) {
            if (!super.isSafeAttribute(tagName, element, attribute)) {
                return false;
            }
            return switch (attribute.getKey()) {
                case "href" -> isAnchor(attribute.getValue());
                case "src" -> isEmbeddedPng(attribute.getValue());
                case "style" -> cssRefusal(attribute.getValue()).isEmpty();
                default -> true;
            };
        }
    }

    /** {@code #name}: a place in this document, nothing else. */
    static boolean isAnchor(String href) {
        if (href == null || href.length() < 2 || href.charAt(0) != '#') {
            return false;
        }
        for (int i = 1; i < href.length(); i++) {
            if (Character.isWhitespace(href.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A {@code data:image/png;base64,} URI holding nothing but base64. */
    static boolean isEmbeddedPng(String uri) {
        if (uri == null || !uri.startsWith(EMBEDDED_PNG)) {
            return false;
        }
        for (int i = EMBEDDED_PNG.length(); i < uri.length(); i++) {
            char c = uri.charAt(i);
            boolean base64 = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
            if (!base64) {
                return false;
            }
        }
        return true;
    }
}
