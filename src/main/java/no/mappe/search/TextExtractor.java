package no.mappe.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import no.mappe.search.extract.ExtractText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts the text of an uploaded file with Tika in a separate JVM: 256 MB of heap, a time limit,
 * limits on size, nesting and compression ratio, and at most two at a time. A corrupt or hostile
 * file is refused or stored without text; it never stops or slows the service for others.
 */
public final class TextExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(TextExtractor.class);
    /** The child's text limit in UTF-8 bytes (its constants are compile-time, so Tika is never loaded here). */
    private static final int MAX_TEXT_BYTES = ExtractText.MAX_TEXT_CHARS * 4;

    /** What became of an extraction. */
    public enum Outcome { TEXT, REFUSED, UNREADABLE, TIMED_OUT, TOO_LARGE, BUSY }

    /** The outcome and the text (empty unless {@link Outcome#TEXT}). */
    public record Result(Outcome outcome, String text) {
    }

    private final Duration timeLimit;
    private final Semaphore slots = new Semaphore(2);

    public TextExtractor(Duration timeLimit) {
        this.timeLimit = timeLimit;
    }

    public Result extract(byte[] file) {
        if (file.length > ExtractText.MAX_INPUT_BYTES) {
            return new Result(Outcome.TOO_LARGE, "");
        }
        try {
            if (!slots.tryAcquire(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Result(Outcome.BUSY, "");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.BUSY, "");
        }
        try {
            return run(file);
        } finally {
            slots.release();
        }
    }

    private Result run(byte[] file) {
        Process process = null;
        try {
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), ExtractText.class.getName())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Process child = process;
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = child.getInputStream()) {
                    return in.readNBytes(MAX_TEXT_BYTES);
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            try (OutputStream in = process.getOutputStream()) {
                in.write(file);
            } catch (IOException e) {
                // the child may stop reading early (too large, refused); its exit code says why
            }
            if (!process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                LOG.warn("Text extraction of an upload took longer than {} and was stopped", timeLimit);
                return new Result(Outcome.TIMED_OUT, "");
            }
            byte[] text = output.get(5, TimeUnit.SECONDS);
            return switch (process.exitValue()) {
                case 0 -> new Result(Outcome.TEXT, new String(text, StandardCharsets.UTF_8));
                case 3 -> new Result(Outcome.REFUSED, "");
                case 4 -> new Result(Outcome.TOO_LARGE, "");
                default -> new Result(Outcome.UNREADABLE, "");
            };
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("Text extraction of an upload failed: {}", e.getClass().getSimpleName());
            return new Result(Outcome.UNREADABLE, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.UNREADABLE, "");
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
