package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import no.mappe.testing.PdfChecks;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.xml.DomXmpParser;
import org.junit.jupiter.api.Test;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * The PDF/A and PDF/UA metadata Mappe writes itself instead of openhtmltopdf (see {@code PdfAMetadata}):
 * veraPDF accepts documents whose title, author, subject and keywords hold characters XML must escape,
 * an independent XMP parser reads back exactly the document information dictionary, and the catalogue
 * says tagged, in the document's language, showing its title.
 */
class PdfAMetadataTest {

    private static final String TITLE = "Samtykke & taushet <for> «Åse Ødegård» \"AFT\"";
    private static final String AUTHOR = "Mølleparken Arbeid & Inkludering";
    private static final String SUBJECT = "Om deling av opplysninger < 3 mnd > lovens krav";
    private static final String KEYWORDS = "samtykke; taushetsplikt; NAV & tiltak";

    @Test
    void aDocumentWithEscapedMetadataIsPdfA2uAndPdfUa1AndItsXmpMatchesItsInformation() throws Exception {
        byte[] pdf = new PdfRenderer().render(xhtml("nb"), "metadata-test");

        assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFA_2_U)).as("PDF/A-2u").isEmpty();
        assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFUA_1)).as("PDF/UA-1").isEmpty();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentInformation information = document.getDocumentInformation();
            assertThat(information.getTitle()).isEqualTo(TITLE);
            assertThat(information.getProducer()).isEqualTo("Mappe");
            XMPMetadata xmp = new DomXmpParser().parse(new ByteArrayInputStream(document.getDocumentCatalog().getMetadata().toByteArray()));
            assertThat(xmp.getPDFAIdentificationSchema().getPart()).isEqualTo(2);
            assertThat(xmp.getPDFAIdentificationSchema().getConformance()).isEqualTo("U");
            assertThat(xmp.getDublinCoreSchema().getTitle()).isEqualTo(TITLE);
            assertThat(xmp.getDublinCoreSchema().getCreators()).containsExactly(AUTHOR);
            assertThat(xmp.getDublinCoreSchema().getDescription()).isEqualTo(SUBJECT);
            assertThat(xmp.getAdobePDFSchema().getProducer()).isEqualTo("Mappe");
            assertThat(xmp.getAdobePDFSchema().getKeywords()).isEqualTo(KEYWORDS).isEqualTo(information.getKeywords());
            assertThat(xmp.getXMPBasicSchema().getCreateDate().toInstant()).isEqualTo(information.getCreationDate().toInstant());
            assertThat(new String(document.getDocumentCatalog().getMetadata().toByteArray(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("one PDF/UA identification").containsOnlyOnce("<pdfuaid:part>1</pdfuaid:part>");

            PDDocumentCatalog catalog = document.getDocumentCatalog();
            assertThat(catalog.getMarkInfo().isMarked()).isTrue();
            assertThat(catalog.getLanguage()).isEqualTo("nb");
            assertThat(catalog.getViewerPreferences().displayDocTitle()).isTrue();
            assertThat(catalog.getStructureTreeRoot()).as("still tagged").isNotNull();
        }
    }

    @Test
    void theCatalogueCarriesTheLanguageOfTheDocument() throws Exception {
        byte[] pdf = new PdfRenderer().render(xhtml("da"), "metadata-test");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("da");
        }
    }

    private static String xhtml(String language) {
        return """
                <html xmlns="http://www.w3.org/1999/xhtml" lang="%s"><head><title>%s</title>
                <meta name="author" content="%s" /><meta name="subject" content="%s" /><meta name="keywords" content="%s" />
                <style>body { font-family: 'Noto Sans'; }</style></head>
                <body><h1>Samtykke</h1><p>Jeg samtykker i at opplysninger kan deles.</p></body></html>"""
                .formatted(language, escaped(TITLE), escaped(AUTHOR), escaped(SUBJECT), escaped(KEYWORDS));
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
