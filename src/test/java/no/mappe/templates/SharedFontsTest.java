package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.Test;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * The bundled fonts are parsed once and lent to renders (see {@code BundledFonts}): renders running
 * at the same moment on real threads each get whole, valid PDFs with their own text and their own
 * subset of the glyphs, however the sets are passed around.
 */
class SharedFontsTest {

    private static final int THREADS = 4;
    private static final int EACH = 3;

    @Test
    void rendersAtTheSameTimeEachGiveAValidPdfWithTheirOwnText() throws Exception {
        PdfRenderer renderer = new PdfRenderer();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<List<byte[]>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int thread = 0; thread < THREADS; thread++) {
                String word = word(thread);
                results.add(pool.submit(() -> {
                    start.await(); // all threads render at once, so fonts are borrowed while others hold theirs
                    List<byte[]> pdfs = new ArrayList<>();
                    for (int i = 0; i < EACH; i++) {
                        pdfs.add(renderer.render(xhtml(word, i), "shared-fonts-test"));
                    }
                    return pdfs;
                }));
            }
        }
        for (int thread = 0; thread < THREADS; thread++) {
            List<byte[]> pdfs = results.get(thread).get();
            for (int i = 0; i < EACH; i++) {
                String text = PdfChecks.text(pdfs.get(i));
                assertThat(text).as("thread %d, document %d", thread, i).contains(word(thread) + " nummer " + i)
                        .contains("Fet skrift for " + word(thread)).contains("Kursiv for " + word(thread));
                for (int other = 0; other < THREADS; other++) {
                    if (other != thread) {
                        assertThat(text).doesNotContain(word(other));
                    }
                }
            }
        }
        // veraPDF takes a while per file: one document of two of the threads is enough to see the subsets are whole.
        for (int thread : new int[] {0, THREADS - 1}) {
            byte[] pdf = results.get(thread).get().get(EACH - 1);
            assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFA_2_U)).as("PDF/A-2u").isEmpty();
            assertThat(PdfChecks.violations(pdf, PDFAFlavour.PDFUA_1)).as("PDF/UA-1").isEmpty();
        }
    }

    /** Different letters per thread, so each document's font subset holds different glyphs. */
    private static String word(int thread) {
        return List.of("Ærøskøbing", "Quizvægt", "Jyllandsfjord", "Håpløs Wexø").get(thread);
    }

    private static String xhtml(String word, int number) {
        return """
                <html xmlns="http://www.w3.org/1999/xhtml" lang="nb"><head><title>%1$s</title><meta name="description" content="Prøve" />
                <style>body { font-family: 'Noto Sans'; }</style></head>
                <body><h1>%1$s nummer %2$d</h1><p><b>Fet skrift for %1$s</b> og <i>Kursiv for %1$s</i>.</p>
                <p><b><i>Fet kursiv %2$d</i></b></p></body></html>""".formatted(word, number);
    }
}
