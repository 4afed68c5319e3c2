package no.mappe.templates;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Keeps each signature block on the page of the text it signs: before rendering, every
 * {@code table.signatures} is wrapped together with the blocks just before it in a
 * {@code div.sign-off}, which the layout keeps in one piece ({@code page-break-inside: avoid}).
 * So a page never holds signatures alone, for the shipped templates and uploaded ones alike, without
 * each template having to remember a wrapper.
 *
 * <p>Going back from the signatures, blocks are taken until they hold about three lines of text
 * ({@value #ENOUGH_TEXT} characters) or a heading (the section's start, taken with it); never past
 * a forced page break, and never more than about two fifths of a page ({@value #MOST_TEXT} characters), so
 * that the block fits on a page with the signatures and the page before keeps most of its text.
 */
final class SignOff {

    static final String CLASS = "sign-off";
    private static final int ENOUGH_TEXT = 220;
    private static final int MOST_TEXT = 1_500;
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

    private SignOff() {
    }

    static void keepSignaturesWithTheirText(Document document) {
        List<Element> tables = new ArrayList<>();
        NodeList all = document.getElementsByTagNameNS("*", "table");
        for (int i = 0; i < all.getLength(); i++) {
            Element table = (Element) all.item(i);
            if (hasClass(table, "signatures")) {
                tables.add(table);
            }
        }
        tables.forEach(SignOff::wrap);
    }

    private static void wrap(Element signatures) {
        Element previous = previousElement(signatures);
        if (previous != null && hasClass(previous, CLASS)) {
            previous.appendChild(signatures); // a second row of signers (company, mentor) joins the first
            return;
        }
        keepWithTextBefore(signatures, 0);
    }

    /**
     * Wraps {@code anchor} with the blocks before it. When its container runs out of blocks first (a
     * template's own sign-off box holding one closing sentence), the container is kept with the blocks
     * before it in turn.
     */
    private static void keepWithTextBefore(Element anchor, int textSoFar) {
        Deque<Element> taken = new ArrayDeque<>();
        int text = textSoFar;
        boolean stopped = false;
        for (Element block = previousElement(anchor); block != null; block = previousElement(block)) {
            int length = block.getTextContent().strip().length();
            if (startsAPage(block) || (!taken.isEmpty() && text + length > MOST_TEXT)) {
                stopped = true;
                break;
            }
            taken.addFirst(block);
            text += length;
            if (HEADINGS.contains(block.getLocalName()) || text >= ENOUGH_TEXT) {
                stopped = true;
                break;
            }
        }
        Element wrapper = anchor.getOwnerDocument().createElementNS(anchor.getNamespaceURI(), "div");
        wrapper.setAttribute("class", CLASS);
        anchor.getParentNode().insertBefore(wrapper, taken.isEmpty() ? anchor : taken.getFirst());
        taken.forEach(wrapper::appendChild);
        wrapper.appendChild(anchor);
        if (!stopped && wrapper.getParentNode() instanceof Element container && "div".equals(container.getLocalName())) {
            keepWithTextBefore(container, text);
        }
    }

    private static boolean startsAPage(Element block) {
        String style = block.getAttribute("style").replace(" ", "");
        return hasClass(block, "page-break") || hasClass(block, "new-page") || style.contains("page-break-before:always");
    }

    private static Element previousElement(Node node) {
        for (Node sibling = node.getPreviousSibling(); sibling != null; sibling = sibling.getPreviousSibling()) {
            if (sibling instanceof Element element) {
                return element;
            }
        }
        return null;
    }

    private static boolean hasClass(Element element, String name) {
        return Set.of(element.getAttribute("class").trim().split("\\s+")).contains(name);
    }
}
