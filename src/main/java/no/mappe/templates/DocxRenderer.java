package no.mappe.templates;

import java.io.ByteArrayOutputStream;
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
 * can work on a draft in Word or LibreOffice. Images and other external resources are not fetched.
 */
public final class DocxRenderer {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public byte[] render(String xhtml, String templateId) {
        try {
            WordprocessingMLPackage word = WordprocessingMLPackage.createPackage();
            XHTMLImporterImpl importer = new XHTMLImporterImpl(word);
            importer.setXHTMLImageHandler(new NoImages());
            MainDocumentPart main = word.getMainDocumentPart();
            main.getContent().addAll(importer.convert(XhtmlText.parse(xhtml, templateId), null));
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            word.save(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new UnableToRenderDocument(templateId, e);
        }
    }

    /** Templates carry no images yet; whatever an image element points at is never fetched. */
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
