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
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

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
        DocumentBuilder parser = Parsers.borrow();
        try {
            org.w3c.dom.Document document = parser.parse(new InputSource(new StringReader(xhtml)));
            Parsers.giveBack(parser);
            return document;
        } catch (SAXException e) {
            Parsers.giveBack(parser);
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new RenderRefused("Template '" + templateId + "' produced output that is not well-formed XHTML: " + message);
        } catch (IOException e) {
            // dropped, not given back: it failed mid-read
            throw new UnableToRenderDocument(templateId, e);
        }
    }

    /**
     * Parsers set up once and lent to one parse at a time (a parser is not thread-safe): making one
     * took two thirds as long as parsing a filled progress report (0.025 ms beside 0.036 ms, warm),
     * and every render and signature parses.
     */
    private static final class Parsers {

        private static final DocumentBuilderFactory FACTORY = factory();
        private static final Lent<DocumentBuilder> LENT = new Lent<>(Parsers::newParser);

        private static DocumentBuilderFactory factory() {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setExpandEntityReferences(false);
                factory.setNamespaceAware(true);
                return factory;
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException("The JDK's XML parser lacks a feature Mappe needs", e);
            }
        }

        private static DocumentBuilder newParser() {
            try {
                synchronized (FACTORY) {
                    return FACTORY.newDocumentBuilder();
                }
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException("The JDK's XML parser lacks a feature Mappe needs", e);
            }
        }

        static DocumentBuilder borrow() {
            DocumentBuilder parser = LENT.borrow();
            // Errors become the exception above, not lines on standard error with the parser's view of the document.
            parser.setErrorHandler(Quiet.INSTANCE);
            return parser;
        }

        static void giveBack(DocumentBuilder parser) {
            parser.reset();
            LENT.giveBack(parser);
        }
    }

    /**
     * Fatal errors (not well-formed) throw; warnings and the errors the parser recovers from pass, as with the
     * parser's own handler, but nothing is printed.
     */
    private enum Quiet implements ErrorHandler {
        INSTANCE;

        @Override
        public void warning(SAXParseException exception) {
        }

        @Override
        public void error(SAXParseException exception) {
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
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
