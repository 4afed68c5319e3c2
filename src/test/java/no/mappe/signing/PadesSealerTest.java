package no.mappe.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.mappe.templates.PdfRenderer;
import no.mappe.testing.PdfChecks;
import no.mappe.testing.RequiredTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/** The seal, checked by our verifier, by poppler's pdfsig and by veraPDF. */
class PadesSealerTest {

    @TempDir
    Path dir;

    private byte[] sealed(SealKey key) {
        byte[] pdf = new PdfRenderer().render("""
                <html xmlns="http://www.w3.org/1999/xhtml" lang="nb"><head><title>Samtykkeerklæring</title>
                <style>body { font-family: 'Noto Sans'; }</style></head>
                <body><h1>Samtykkeerklæring</h1><p>Signert av Åse Ærø Bjørnstad.</p></body></html>""", "test");
        return new PadesSealer().seal(pdf, key, "Lysheim Arbeid AS", "Signert og forseglet", "Heimdal", Calendar.getInstance());
    }

    @Test
    void aSealedPdfVerifiesAndStaysPdfA() {
        SealKey key = new SealKeys(dir, Optional.empty(), true).of("org", "Lysheim Arbeid AS", "NO");
        byte[] pdf = sealed(key);
        SealVerifier.Result result = new SealVerifier().verify(pdf, key.certificate());
        assertThat(result.valid()).as(result.problem()).isTrue();
        assertThat(result.coversWholeDocument()).isTrue();
        assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFA_2_U)).isEmpty();
        assertThat(PdfChecks.text(pdf)).contains("Åse Ærø Bjørnstad");
    }

    @Test
    void popplerAgreesTheSignatureIsValidAndCoversTheWholeDocument() throws Exception {
        RequiredTool.require("pdfsig", "poppler-utils");
        SealKey key = new SealKeys(dir, Optional.empty(), true).of("org", "Lysheim Arbeid AS", "NO");
        Path file = dir.resolve("sealed.pdf");
        Files.write(file, sealed(key));
        Process pdfsig = new ProcessBuilder("pdfsig", file.toString()).redirectErrorStream(true).start();
        String output = new String(pdfsig.getInputStream().readAllBytes());
        assertThat(pdfsig.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("Signature is Valid", "Total document signed");
    }

    @Test
    void oneFlippedByteOrAnotherCertificateFailsVerification() {
        SealKey key = new SealKeys(dir, Optional.empty(), true).of("org", "Lysheim Arbeid AS", "NO");
        byte[] pdf = sealed(key);
        byte[] tampered = pdf.clone();
        tampered[tampered.length / 3] ^= 0x01;
        assertThat(new SealVerifier().verify(tampered, key.certificate()).valid()).isFalse();
        byte[] appended = java.util.Arrays.copyOf(pdf, pdf.length + 10);
        assertThat(new SealVerifier().verify(appended, key.certificate()).problem()).contains("added after the seal");
        SealKey other = new SealKeys(dir.resolve("other"), Optional.empty(), true).of("org2", "Annen AS", "NO");
        assertThat(new SealVerifier().verify(pdf, other.certificate()).problem()).contains("another certificate");
    }
}
