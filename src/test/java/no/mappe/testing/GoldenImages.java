package no.mappe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Layout regression check: the first page of a PDF, drawn by poppler's pdftoppm at 40 dpi in grey,
 * compared with a reference image under {@code src/test/resources/golden}. A few per cent of pixels
 * may differ (anti-aliasing between poppler versions); a moved block or a new line does not pass.
 * Run with {@code -Dmappe.updateGolden=true} to write new references after an intended change.
 */
public final class GoldenImages {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final double MAX_DIFFERENT_PIXELS = 0.02;
    private static final int GREY_TOLERANCE = 48;

    private GoldenImages() {
    }

    /** Skips the calling test when pdftoppm is missing, or fails it under CI ({@link RequiredTool}). */
    public static void requireAvailable() {
        RequiredTool.require("pdftoppm", "poppler-utils");
    }

    public static void assertFirstPageMatches(byte[] pdf, String name) {
        requireAvailable();
        try {
            Path work = Files.createTempDirectory("golden");
            Path input = work.resolve("in.pdf");
            Files.write(input, pdf);
            Process process = new ProcessBuilder("pdftoppm", "-r", "40", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile",
                    input.toString(), work.resolve("page").toString()).redirectErrorStream(true).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            Path actualFile = work.resolve("page.png");
            Path goldenFile = GOLDEN.resolve(name + ".png");
            if (Boolean.getBoolean("mappe.updateGolden") || !Files.exists(goldenFile)) {
                Files.createDirectories(GOLDEN);
                Files.copy(actualFile, goldenFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                if (!Boolean.getBoolean("mappe.updateGolden")) {
                    fail("No reference image for " + name + "; wrote " + goldenFile + ". Look at it, then commit it.");
                }
                return;
            }
            BufferedImage actual = ImageIO.read(actualFile.toFile());
            BufferedImage golden = ImageIO.read(goldenFile.toFile());
            assertThat(actual.getWidth()).as(name + " page width").isEqualTo(golden.getWidth());
            assertThat(actual.getHeight()).as(name + " page height").isEqualTo(golden.getHeight());
            long different = 0;
            for (int y = 0; y < golden.getHeight(); y++) {
                for (int x = 0; x < golden.getWidth(); x++) {
                    int a = actual.getRaster().getSample(x, y, 0);
                    int b = golden.getRaster().getSample(x, y, 0);
                    if (Math.abs(a - b) > GREY_TOLERANCE) {
                        different++;
                    }
                }
            }
            double share = (double) different / ((long) golden.getWidth() * golden.getHeight());
            assertThat(share).as(name + ": share of pixels that differ from " + goldenFile + " (actual page kept at " + actualFile + ")")
                    .isLessThanOrEqualTo(MAX_DIFFERENT_PIXELS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
