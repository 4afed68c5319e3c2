package no.mappe.templates;

import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Calendar;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.apache.xmpbox.DateConverter;

/**
 * The PDF/A-2u and PDF/UA-1 identification of a rendered document: its XMP metadata, written from a
 * prepared text, plus the catalogue entries that go with it (marked content, language, show the title).
 *
 * <p>openhtmltopdf builds the same XMP with xmpbox for every document, and xmpbox sets up its type
 * tables by reflection seven times on the way: 18% of a render. Its method for it is private, and it
 * runs whenever the renderer is in PDF/A or PDF/UA mode, which it must stay in while it lays out and
 * paints (fonts embedded, content tagged). So {@link #takeOver} switches only that last step off,
 * on the renderer's own two fields, and {@link #write} adds the metadata before the document is saved.
 * veraPDF checks the result in the tests; if openhtmltopdf renames the fields, the first render fails.
 */
final class PdfAMetadata {

    private static final VarHandle CONFORMANCE;
    private static final VarHandle ACCESSIBILITY;

    static {
        try {
            MethodHandles.Lookup renderer = MethodHandles.privateLookupIn(PdfBoxRenderer.class, MethodHandles.lookup());
            CONFORMANCE = renderer.findVarHandle(PdfBoxRenderer.class, "_pdfAConformance", PdfAConformance.class);
            ACCESSIBILITY = renderer.findVarHandle(PdfBoxRenderer.class, "_pdfUaConformance", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("openhtmltopdf's renderer no longer has the PDF/A fields Mappe switches: " + e);
        }
    }

    /** Written in full for every document: the extension schemas PDF/A requires for pdf:, pdfaid: and pdfuaid:. */
    private static final String EXTENSION_SCHEMAS = """
              <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
                  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
               <pdfaExtension:schemas><rdf:Bag>
                <rdf:li rdf:parseType="Resource">
                 <pdfaSchema:schema>Adobe PDF Schema</pdfaSchema:schema>
                 <pdfaSchema:namespaceURI>http://ns.adobe.com/pdf/1.3/</pdfaSchema:namespaceURI>
                 <pdfaSchema:prefix>pdf</pdfaSchema:prefix>
                 <pdfaSchema:property><rdf:Seq>
                  <rdf:li rdf:parseType="Resource"><pdfaProperty:name>PDFVersion</pdfaProperty:name>\
            <pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>internal</pdfaProperty:category>\
            <pdfaProperty:description>The PDF file version.</pdfaProperty:description></rdf:li>
                  <rdf:li rdf:parseType="Resource"><pdfaProperty:name>Keywords</pdfaProperty:name>\
            <pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>\
            <pdfaProperty:description>Keywords.</pdfaProperty:description></rdf:li>
                  <rdf:li rdf:parseType="Resource"><pdfaProperty:name>Producer</pdfaProperty:name>\
            <pdfaProperty:valueType>AgentName</pdfaProperty:valueType><pdfaProperty:category>internal</pdfaProperty:category>\
            <pdfaProperty:description>The name of the tool that created the PDF document.</pdfaProperty:description></rdf:li>
                 </rdf:Seq></pdfaSchema:property>
                </rdf:li>
                <rdf:li rdf:parseType="Resource">
                 <pdfaSchema:schema>PDF/A ID Schema</pdfaSchema:schema>
                 <pdfaSchema:namespaceURI>http://www.aiim.org/pdfa/ns/id/</pdfaSchema:namespaceURI>
                 <pdfaSchema:prefix>pdfaid</pdfaSchema:prefix>
                 <pdfaSchema:property><rdf:Seq>
                  <rdf:li rdf:parseType="Resource"><pdfaProperty:name>part</pdfaProperty:name>\
            <pdfaProperty:valueType>Integer</pdfaProperty:valueType><pdfaProperty:category>internal</pdfaProperty:category>\
            <pdfaProperty:description>Part of PDF/A standard</pdfaProperty:description></rdf:li>
                  <rdf:li rdf:parseType="Resource"><pdfaProperty:name>conformance</pdfaProperty:name>\
            <pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>internal</pdfaProperty:category>\
            <pdfaProperty:description>Conformance level of PDF/A standard</pdfaProperty:description></rdf:li>
                 </rdf:Seq></pdfaSchema:property>
                </rdf:li>
                <rdf:li rdf:parseType="Resource">
                 <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                 <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                 <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                 <pdfaSchema:property><rdf:Seq>
                  <rdf:li rdf:parseType="Resource"><pdfaProperty:name>part</pdfaProperty:name>\
            <pdfaProperty:valueType>Integer</pdfaProperty:valueType><pdfaProperty:category>internal</pdfaProperty:category>\
            <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description></rdf:li>
                 </rdf:Seq></pdfaSchema:property>
                </rdf:li>
               </rdf:Bag></pdfaExtension:schemas>
              </rdf:Description>
            """;

    private PdfAMetadata() {
    }

    /** Stops the renderer from writing its own XMP (see the class comment); its layout and tagging stay in PDF/A and PDF/UA mode. */
    static void takeOver(PdfBoxRenderer renderer) {
        CONFORMANCE.set(renderer, PdfAConformance.NONE);
        ACCESSIBILITY.set(renderer, false);
    }

    /**
     * Adds the XMP metadata, equal to the document information dictionary as PDF/A requires, and marks
     * the document as tagged, in {@code language}, showing its title. Call it when the pages are painted
     * and before the document is saved.
     */
    static void write(PDDocument document, String language) {
        PDDocumentCatalog catalog = document.getDocumentCatalog();
        PDMarkInfo marked = new PDMarkInfo();
        marked.setMarked(true);
        catalog.setMarkInfo(marked);
        catalog.setLanguage(language.isEmpty() ? "nb" : language);
        catalog.setViewerPreferences(new PDViewerPreferences(new COSDictionary()));
        catalog.getViewerPreferences().setDisplayDocTitle(true);
        PDMetadata metadata = new PDMetadata(document);
        try {
            metadata.importXMPMetadata(xmp(document.getDocumentInformation()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catalog.setMetadata(metadata);
    }

    /** The XMP of a PDF/A-2u, PDF/UA-1 document with this information dictionary. */
    static String xmp(PDDocumentInformation information) {
        StringBuilder xmp = new StringBuilder(6_000).append("""
                <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
                   <pdfaid:part>2</pdfaid:part>
                   <pdfaid:conformance>U</pdfaid:conformance>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
                   <pdfuaid:part>1</pdfuaid:part>
                  </rdf:Description>
                  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
                   <pdf:PDFVersion>1.7</pdf:PDFVersion>
                """);
        element(xmp, "pdf:Producer", information.getProducer());
        element(xmp, "pdf:Keywords", information.getKeywords());
        xmp.append("  </rdf:Description>\n  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
        element(xmp, "xmp:CreatorTool", information.getCreator());
        element(xmp, "xmp:CreateDate", date(information.getCreationDate()));
        element(xmp, "xmp:ModifyDate", date(information.getModificationDate()));
        xmp.append("  </rdf:Description>\n  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
                .append("   <dc:format>application/pdf</dc:format>\n");
        if (information.getAuthor() != null) {
            xmp.append("   <dc:creator><rdf:Seq><rdf:li>").append(escaped(information.getAuthor()))
                    .append("</rdf:li></rdf:Seq></dc:creator>\n");
        }
        alternative(xmp, "dc:title", information.getTitle());
        alternative(xmp, "dc:description", information.getSubject());
        return xmp.append("  </rdf:Description>\n").append(EXTENSION_SCHEMAS)
                .append(" </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>").toString();
    }

    private static void element(StringBuilder xmp, String name, String value) {
        if (value != null) {
            xmp.append("   <").append(name).append('>').append(escaped(value)).append("</").append(name).append(">\n");
        }
    }

    private static void alternative(StringBuilder xmp, String name, String value) {
        if (value != null) {
            xmp.append("   <").append(name).append("><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escaped(value))
                    .append("</rdf:li></rdf:Alt></").append(name).append(">\n");
        }
    }

    private static String date(Calendar calendar) {
        return calendar == null ? null : DateConverter.toISO8601(calendar);
    }

    /** Text as XML character data ({@link Xhtml#escape}); characters XML 1.0 cannot hold at all are left out. */
    private static String escaped(String text) {
        StringBuilder allowed = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == '\t' || c == '\n' || c == '\r'
                        || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF && (c < 0xD800 || c > 0xDFFF)))
                .forEach(allowed::appendCodePoint);
        return Xhtml.escape(allowed.toString());
    }
}
