package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.FilesMade;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A render reads its images (the logo, a drawn signature) in memory: ImageIO, which openhtmltopdf reads them with, would
 * otherwise copy each one into a file of its cache directory for the time it takes to read it.
 */
class ImagesInMemoryTest {

    @TempDir
    Path cache;

    @Test
    void aDocumentWithADrawnSignatureIsRenderedWithoutAnyFileInImageIosCacheDirectory() throws Exception {
        PdfRenderer renderer = new PdfRenderer();
        String image = DrawnSignatures.dataUri();
        String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"nb\"><head><title>Samtykke</title>"
                + "<style>body { font-family: 'Noto Sans'; }</style></head><body><h1>Samtykke</h1><p>Signert av deltaker.</p>"
                + "<div class=\"signature-slot\" data-signer=\"participant\"><img src=\"" + image + "\" alt=\"Signatur\""
                + " style=\"height: 13mm;\" /></div></body></html>";
        File before = ImageIO.getCacheDirectory();
        ImageIO.setCacheDirectory(cache.toFile()); // where a cached stream would go, watched here
        try {
            List<String> made = FilesMade.in(cache, () -> {
                byte[] pdf = renderer.render(xhtml, "images-in-memory-test");
                assertThat(PdfChecks.text(pdf)).contains("Signert av deltaker");
            });
            assertThat(made).as("files made while the signature was read").isEmpty();
        } finally {
            ImageIO.setCacheDirectory(before);
        }
    }
}
