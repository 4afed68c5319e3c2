package no.mappe.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import no.mappe.templates.DocxRenderer;
import no.mappe.testing.FilesMade;
import no.mappe.untrusted.ChildProcesses;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The parent's guard on what a child sends back, on the real path through Tika's client. */
class TextExtractorTest {

    @Test
    void aReplyLargerThanTheFilterAllowsIsNotReadAndTheChildIsReplaced() {
        // a generous time limit: this is about the reply, and a busy machine parses 18 MB slowly
        try (TextExtractor extractor = new TextExtractor(new ChildProcesses(2, Duration.ofSeconds(10)), Duration.ofSeconds(60), 1, 0)) {
            String page = "<html><head><title>" + "Tittel ".repeat(2_600_000) + "</title></head><body><p>Brev fra NAV</p></body></html>";
            TextExtractor.Result oversized = extractor.extract(page.getBytes(StandardCharsets.UTF_8));
            assertThat(oversized.outcome()).as("18 MB of metadata refused by the reply filter").isEqualTo(TextExtractor.Outcome.UNREADABLE);
            TextExtractor.Result next = extractor.extract("Brev fra NAV Heimdal".getBytes(StandardCharsets.UTF_8));
            assertThat(next).isEqualTo(new TextExtractor.Result(TextExtractor.Outcome.TEXT, "Brev fra NAV Heimdal"));
        }
    }

    @Test
    void anOfficeFileThatTikaCopiesToAFileIsCopiedIntoMemoryNotOntoTheDisk() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/dev/shm")), "a system without /dev/shm (not Linux)");
        String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"nb\"><head><title>Brev</title></head><body>"
                + "<h1>Brev fra NAV</h1><p>Åse Ærø har møtt opp.</p></body></html>";
        byte[] docx = new DocxRenderer().render(xhtml, "extractor-test");
        try (TextExtractor extractor = new TextExtractor(new ChildProcesses(2, Duration.ofSeconds(10)), Duration.ofSeconds(60), 1, 0)) {
            Path temporary = extractor.temporaryDirectory(0);
            List<String> made = FilesMade.in(temporary,
                    () -> assertThat(extractor.extract(docx).text()).contains("Åse Ærø har møtt opp"));
            assertThat(made).as("Tika copies a DOCX into a file before it parses it").anyMatch(name -> name.startsWith("apache-tika"));
            assertThat(Files.getFileStore(temporary).type()).as("the file system of " + temporary).isEqualTo("tmpfs");
        }
    }

    @Test
    void aPhotographedLetterIsReadWithoutPassingThroughAFile() throws Exception {
        BufferedImage photo = new BufferedImage(600, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = photo.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, 600, 800);
        graphics.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(photo, "png", png);
        try (TextExtractor extractor = new TextExtractor(new ChildProcesses(2, Duration.ofSeconds(10)), Duration.ofSeconds(60), 1, 0)) {
            // Tika reads an image's header and metadata through ImageIO, which would copy the photo into a file of its own.
            List<String> made = FilesMade.in(extractor.temporaryDirectory(0),
                    () -> assertThat(extractor.extract(png.toByteArray()).outcome()).isNotEqualTo(TextExtractor.Outcome.REFUSED));
            assertThat(made).as("files the child made while it read the photo").noneMatch(name -> name.startsWith("imageio"));
        }
    }
}
