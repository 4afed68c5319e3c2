package no.mappe.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Map;
import no.mappe.search.extract.ExtractText;
import no.mappe.untrusted.ChildProcesses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts the text of an uploaded file with Tika in a separate JVM ({@link ExtractText}): 256 MB
 * of heap, a time limit, limits on size, nesting and decompression, and a place among the shared
 * {@link ChildProcesses} slots. A corrupt or hostile file is refused or stored without text; it
 * never stops or slows the service for others. The text comes back NFC-normalised.
 */
public final class TextExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(TextExtractor.class);
    /** The child's text limit in UTF-8 bytes (its constants are compile-time, so Tika is never loaded here). */
    private static final int MAX_TEXT_BYTES = ExtractText.MAX_TEXT_CHARS * 4;

    /** What became of an extraction. */
    public enum Outcome { TEXT, REFUSED, UNREADABLE, TIMED_OUT, TOO_LARGE }

    /** The outcome and the text (empty unless {@link Outcome#TEXT}). */
    public record Result(Outcome outcome, String text) {
    }

    private final ChildProcesses children;
    private final Duration timeLimit;

    public TextExtractor(ChildProcesses children, Duration timeLimit) {
        this.children = children;
        this.timeLimit = timeLimit;
    }

    /** Throws {@link no.mappe.errors.ServiceBusy} when no child slot became free in time. */
    public Result extract(byte[] file) {
        if (file.length > ExtractText.MAX_INPUT_BYTES) {
            return new Result(Outcome.TOO_LARGE, "");
        }
        ChildProcesses.Finished finished;
        try {
            finished = children.run(ChildProcesses.java(ExtractText.class, 256), Map.of(), file, timeLimit, MAX_TEXT_BYTES);
        } catch (IOException e) {
            LOG.warn("Text extraction of an upload failed: {}", e.getClass().getSimpleName());
            return new Result(Outcome.UNREADABLE, "");
        }
        if (finished.timedOut()) {
            LOG.warn("Text extraction of an upload took longer than {} and was stopped", timeLimit);
            return new Result(Outcome.TIMED_OUT, "");
        }
        if (finished.tooMuchOutput()) {
            return new Result(Outcome.UNREADABLE, "");
        }
        return switch (finished.exitCode()) {
            case 0 -> new Result(Outcome.TEXT, Normalizer.normalize(new String(finished.output(), StandardCharsets.UTF_8).strip(),
                    Normalizer.Form.NFC));
            case ExtractText.REFUSED -> new Result(Outcome.REFUSED, "");
            case ExtractText.TOO_LARGE -> new Result(Outcome.TOO_LARGE, "");
            default -> new Result(Outcome.UNREADABLE, "");
        };
    }
}
