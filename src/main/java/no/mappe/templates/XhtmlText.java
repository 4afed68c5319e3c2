package no.mappe.templates;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
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

    /** Parses filled XHTML with the JDK's parser, refusing DOCTYPEs (and so any entity expansion). */
    public static org.w3c.dom.Document parse(String xhtml, String templateId) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(new InputSource(new StringReader(xhtml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new UnableToRenderDocument(templateId, e);
        }
    }

    private static void collect(Node node, StringBuilder text) {
        if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
            text.append(node.getNodeValue());
            return;
        }
        String name = node.getLocalName() == null ? node.getNodeName() : node.getLocalName();
        if (name.equals("style") || name.equals("script") || name.equals("head")) {
            return;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            collect(child, text);
        }
        text.append('\n');
    }
}
