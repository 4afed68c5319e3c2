package no.mappe.templates;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import no.mappe.errors.RenderRefused;
import no.mappe.errors.UnableToRenderDocument;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The readable text of a filled XHTML document, for the search index: generated documents are
 * indexed from the data they were rendered from, which is exact and needs no PDF parsing.
 */
public final class XhtmlText {

    private XhtmlText() {
    }

    public static String of(String xhtml, String templateId) {
        StringBuilder text = new StringBuilder();
        collect(parse(xhtml, templateId).getDocumentElement(), text);
        return text.toString().replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll("\\s*\\n\\s*", "\n").strip();
    }

    /**
     * Parses filled XHTML with the JDK's parser, refusing DOCTYPEs (and so any entity expansion).
     * Output that does not parse is the template's fault, so it is refused (422), not an error.
     */
    public static org.w3c.dom.Document parse(String xhtml, String templateId) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(new InputSource(new StringReader(xhtml)));
        } catch (SAXException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new RenderRefused("Template '" + templateId + "' produced output that is not well-formed XHTML: " + message);
        } catch (ParserConfigurationException | IOException e) {
            throw new UnableToRenderDocument(templateId, e);
        }
    }

    /** Depth-first, without recursion: the tree comes from a template and may be as deep as it likes. */
    private static void collect(Node root, StringBuilder text) {
        Object endOfElement = new Object();
        Deque<Object> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Object item = work.pop();
            if (item == endOfElement) {
                text.append('\n');
                continue;
            }
            Node node = (Node) item;
            if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(node.getNodeValue());
                continue;
            }
            String name = node.getLocalName() == null ? node.getNodeName() : node.getLocalName();
            if (name.equals("style") || name.equals("script") || name.equals("head")) {
                continue;
            }
            work.push(endOfElement);
            for (Node child = node.getLastChild(); child != null; child = child.getPreviousSibling()) {
                work.push(child);
            }
        }
    }
}
