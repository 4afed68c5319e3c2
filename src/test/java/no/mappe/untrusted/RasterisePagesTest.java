package no.mappe.untrusted;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import no.mappe.testing.FilesMade;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scanned page is personal data: the child that reads an upload into page images never lets it pass through a
 * file, not even one it deletes at once (ImageIO caches streams in the temporary directory unless told not to).
 */
class RasterisePagesTest {

    @TempDir
    Path temporary;

    @Test
    void aScannedImageAndAScannedPdfBecomePagesWithoutAnyTemporaryFile() throws Exception {
        byte[] scan = scan();
        for (String kind : List.of("image", "pdf")) {
            byte[] input = "image".equals(kind) ? scan : pdfOf(scan);
            List<String> command = new ArrayList<>(ChildProcesses.java(RasterisePages.class, 384, kind, "1200"));
            command.add(1, "-Djava.io.tmpdir=" + temporary);
            List<String> made = FilesMade.in(temporary, () -> {
                ChildProcesses.Finished finished = new ChildProcesses(1, Duration.ofSeconds(5))
                        .run(command, Map.of(), input, Duration.ofSeconds(60), 50 * 1024 * 1024);
                assertThat(finished.exitCode()).as(kind + " read").isZero();
                assertThat(finished.output().length).as(kind + " page images").isGreaterThan(1000);
            });
            assertThat(made).as("files the child made in its temporary directory for a " + kind).isEmpty();
        }
    }

    /** A page of "handwriting" with enough detail that its PNG is not trivially small. */
    private static byte[] scan() throws IOException {
        BufferedImage page = new BufferedImage(850, 1100, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = page.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, page.getWidth(), page.getHeight());
        graphics.setColor(Color.DARK_GRAY);
        for (int line = 0; line < 40; line++) {
            graphics.drawString("Signert av deltaker, linje " + line, 60, 60 + line * 25);
        }
        graphics.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(page, "png", png);
        return png.toByteArray();
    }

    private static byte[] pdfOf(byte[] png) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png));
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(LosslessFactory.createFromImage(document, image), 0, 0, PDRectangle.A4.getWidth(),
                        PDRectangle.A4.getHeight());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
