package no.mappe.bench;

import java.nio.file.Files;
import java.util.Calendar;
import java.util.Optional;
import no.mappe.signing.PadesSealer;
import no.mappe.signing.SealKey;
import no.mappe.signing.SealKeys;
import no.mappe.signing.SealVerifier;
import no.mappe.templates.PdfRenderer;

/** Milliseconds per PAdES seal and per verification of a sealed two-page document. */
public final class SigningBenchmark {

    private static final int WARMUP = 50;
    private static final int MEASURED = 300;

    private SigningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SealKey key = new SealKeys(Files.createTempDirectory("mappe-bench-seal"), Optional.empty(), true)
                .of("bench", "Lysheim Arbeid AS", "NO");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            body.append("<p>Avsnitt ").append(i).append(": deltakeren har arbeidet på lageret og i kantinen med god framgang.</p>");
        }
        byte[] pdf = new PdfRenderer().render("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"nb\"><head><title>Samtykke</title>"
                + "<style>body { font-family: 'Noto Sans'; }</style></head><body><h1>Samtykkeerklæring</h1>" + body + "</body></html>",
                "bench");
        PadesSealer sealer = new PadesSealer();
        SealVerifier verifier = new SealVerifier();
        byte[] sealed = null;
        for (int i = 0; i < WARMUP; i++) {
            sealed = sealer.seal(pdf, key, "Lysheim Arbeid AS", "bench", "Heimdal", Calendar.getInstance());
            verifier.verify(sealed, key.certificate());
        }
        double[] seal = new double[MEASURED];
        double[] verify = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            sealed = sealer.seal(pdf, key, "Lysheim Arbeid AS", "bench", "Heimdal", Calendar.getInstance());
            seal[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            if (!verifier.verify(sealed, key.certificate()).valid()) {
                throw new IllegalStateException("a fresh seal did not verify");
            }
            verify[i] = (System.nanoTime() - start) / 1e6;
        }
        System.out.println("Mappe signing benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version()
                + "), " + pdf.length / 1024 + " KB PDF, RSA-3072 seal");
        print("PAdES seal (ETSI.CAdES.detached, incremental update)", seal);
        print("verification (CMS signature, byte range, certificate)", verify);
    }

    private static void print(String what, double[] millis) {
        System.out.printf("%-60s median %6.2f ms   p95 %6.2f ms%n", what, Percentiles.median(millis),
                Percentiles.percentile(millis, 95));
    }
}
