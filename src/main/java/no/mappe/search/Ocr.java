package no.mappe.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the words printed on scanned pages with Tesseract (Norwegian and Danish), when it is
 * installed. Each page runs in its own process with a time limit, so a page that Tesseract chokes
 * on costs that page's words, never the service.
 */
public final class Ocr {

    private static final Logger LOG = LoggerFactory.getLogger(Ocr.class);
    private static final long SECONDS_PER_PAGE = 60;

    private final Optional<Path> tesseract;

    public Ocr() {
        this.tesseract = List.of(Path.of("/usr/bin/tesseract"), Path.of("/usr/local/bin/tesseract")).stream()
                .filter(Files::isExecutable).findFirst();
    }

    public boolean available() {
        return tesseract.isPresent();
    }

    /** The text of the pages (PNG bytes), or empty when Tesseract is not installed. */
    public String text(List<byte[]> pngPages) {
        if (tesseract.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (byte[] page : pngPages) {
            text.append(page(page)).append('\n');
        }
        return text.toString().strip();
    }

    private String page(byte[] png) {
        try {
            Process process = new ProcessBuilder(tesseract.get().toString(), "stdin", "stdout", "-l", "nor+dan", "--psm", "3")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(png);
            }
            byte[] out;
            try (InputStream output = process.getInputStream()) {
                out = output.readNBytes(1_000_000);
            }
            if (!process.waitFor(SECONDS_PER_PAGE, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.warn("OCR of a scanned page took longer than {} s and was stopped", SECONDS_PER_PAGE);
                return "";
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("OCR of a scanned page failed: {}", e.getClass().getSimpleName());
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
