package no.mappe.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.mappe.untrusted.ChildProcesses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the words printed on page images with Tesseract (Norwegian and Danish), when it is
 * installed. Pages are PNGs of at most a few megapixels made by the scan rasteriser, never the
 * uploaded file itself. Each page runs as a child process with a time limit and on one core, and
 * all pages of one upload share a total budget, so a page Tesseract chokes on costs that page's
 * words, never the service. The text comes back NFC-normalised.
 */
public final class Ocr {

    private static final Logger LOG = LoggerFactory.getLogger(Ocr.class);
    private static final List<Path> INSTALLED = List.of(Path.of("/usr/bin/tesseract"), Path.of("/usr/local/bin/tesseract"));
    private static final int MAX_TEXT_BYTES = 1_000_000;

    private final ChildProcesses children;
    private final Optional<Path> tesseract;
    private final Duration perPage;
    private final Duration perUpload;

    public Ocr(ChildProcesses children) {
        this(children, installed(), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    /** With another Tesseract and other limits, e.g. a stand-in that never finishes, in tests. */
    public Ocr(ChildProcesses children, Optional<Path> tesseract, Duration perPage, Duration perUpload) {
        this.children = children;
        this.tesseract = tesseract;
        this.perPage = perPage;
        this.perUpload = perUpload;
    }

    /** Where Tesseract is installed, if it is. */
    public static Optional<Path> installed() {
        return INSTALLED.stream().filter(Files::isExecutable).findFirst();
    }

    public boolean available() {
        return tesseract.isPresent();
    }

    /** The text of the pages (PNG bytes); empty when Tesseract is not installed. Pages past the upload's budget get no text. */
    public String text(List<byte[]> pngPages) {
        if (tesseract.isEmpty()) {
            return "";
        }
        Instant deadline = Instant.now().plus(perUpload);
        StringBuilder text = new StringBuilder();
        for (byte[] page : pngPages) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                LOG.warn("OCR of a scan stopped after {}; its remaining pages are not searchable", perUpload);
                break;
            }
            text.append(page(page, left.compareTo(perPage) < 0 ? left : perPage)).append('\n');
        }
        return Normalizer.normalize(text.toString().strip(), Normalizer.Form.NFC);
    }

    private String page(byte[] png, Duration timeLimit) {
        try {
            // One thread per process: the shared cap of child processes is then a cap on cores.
            ChildProcesses.Finished finished = children.run(
                    List.of(tesseract.get().toString(), "stdin", "stdout", "-l", "nor+dan", "--psm", "3"),
                    Map.of("OMP_THREAD_LIMIT", "1"), png, timeLimit, MAX_TEXT_BYTES);
            if (finished.timedOut()) {
                LOG.warn("OCR of a scanned page took longer than {} and was stopped", timeLimit);
                return "";
            }
            return finished.ok() ? new String(finished.output(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            LOG.warn("OCR of a scanned page failed: {}", e.getClass().getSimpleName());
            return "";
        }
    }
}
