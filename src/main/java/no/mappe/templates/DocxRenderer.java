package no.mappe.templates;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceType;
import com.openhtmltopdf.resource.CSSResource;
import com.openhtmltopdf.resource.ImageResource;
import com.openhtmltopdf.resource.XMLResource;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.Reader;
import java.util.Map;
import no.mappe.errors.UnableToRenderDocument;
import org.docx4j.convert.in.xhtml.XHTMLImageHandler;
import org.docx4j.convert.in.xhtml.XHTMLImporterImpl;
import org.docx4j.convert.in.xhtml.renderer.Docx4jUserAgent;
import org.docx4j.openpackaging.packages.WordprocessingMLPackage;
import org.docx4j.openpackaging.parts.WordprocessingML.MainDocumentPart;
import org.docx4j.wml.P;
import org.w3c.dom.Element;

/**
 * Turns the same filled XHTML that became the PDF into an editable DOCX (docx4j), so a counsellor
 * can work on a draft in Word or LibreOffice. The XHTML passes the {@link OutputAllowList} first,
 * and docx4j's layout runs with a user agent that loads nothing: no stylesheet, image, font or
 * entity is ever fetched from the network or read from a file.
 */
public final class DocxRenderer {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /** Checks the XHTML against the {@link OutputAllowList} and converts the tree that passed. */
    public byte[] render(String xhtml, String templateId) {
        return render(OutputAllowList.check(xhtml, templateId), templateId);
    }

    /** Converts a parsed tree; loads nothing from outside, even if the tree asks to (tests give it hostile trees). */
    byte[] render(org.w3c.dom.Document checked, String templateId) {
        try {
            WordprocessingMLPackage word = WordprocessingMLPackage.createPackage();
            XHTMLImporterImpl importer = new XHTMLImporterImpl(word);
            importer.setRenderer(new org.docx4j.convert.in.xhtml.renderer.DocxRenderer(new LoadsNothing()));
            importer.setXHTMLImageHandler(new NoImages());
            MainDocumentPart main = word.getMainDocumentPart();
            main.getContent().addAll(importer.convert(checked, null));
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            word.save(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new UnableToRenderDocument(templateId, e);
        }
    }

    /** docx4j's user agent with every way to a resource closed: resolving, access control, streams and each resource kind. */
    private static final class LoadsNothing extends Docx4jUserAgent {

        LoadsNothing() {
            setUriResolver((base, uri) -> null);
            setAccessController(ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI, (uri, type) -> false);
            setAccessController(ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI, (uri, type) -> false);
            setProtocolsStreamFactory(Map.of());
        }

        @Override
        public ImageResource getImageResource(String uri, ExternalResourceType type) {
            return new ImageResource(uri, null);
        }

        @Override
        public CSSResource getCSSResource(String uri, ExternalResourceType type) {
            return null;
        }

        @Override
        public XMLResource getXMLResource(String uri, ExternalResourceType type) {
            return null;
        }

        @Override
        public byte[] getBinaryResource(String uri, ExternalResourceType type) {
            return null;
        }

        @Override
        protected InputStream openStream(String uri) {
            return null;
        }

        @Override
        protected Reader openReader(String uri) {
            return null;
        }

        @Override
        public String resolveURI(String uri) {
            return null;
        }

        @Override
        public String resolveUri(String baseUri, String uri) {
            return null;
        }
    }

    /** Images stay in the PDF; the editable copy has none, and whatever an image element points at is never fetched. */
    private static final class NoImages implements XHTMLImageHandler {
        @Override
        public void addImage(Docx4jUserAgent userAgent, WordprocessingMLPackage word, P paragraph, Element image, Long width,
                             Long height) {
            // deliberately nothing
        }

        @Override
        public void setMaxWidth(int maxWidth, String tableStyle) {
            // no images, no widths
        }
    }
}
