package no.mappe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Opens a DOCX the way a counsellor's office suite would: LibreOffice headless, converted to PDF. */
public final class OfficeConversion {

    private OfficeConversion() {
    }

    /** The text of the PDF LibreOffice makes of {@code docx}. */
    public static String toPdfText(byte[] docx) {
        return PdfChecks.text(toPdf(docx));
    }

    /** The PDF LibreOffice makes of {@code docx}; soffice is a {@link RequiredTool}. */
    public static byte[] toPdf(byte[] docx) {
        RequiredTool.require("soffice", "libreoffice-writer-nogui");
        try {
            Path work = Files.createTempDirectory("office");
            Path input = work.resolve("document.docx");
            Files.write(input, docx);
            Process process = new ProcessBuilder("soffice", "--headless", "-env:UserInstallation=file://" + work.resolve("profile"),
                    "--convert-to", "pdf", "--outdir", work.toString(), input.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("soffice finished").isTrue();
            Path pdf = work.resolve("document.pdf");
            assertThat(pdf).as("LibreOffice output: " + output).exists();
            return Files.readAllBytes(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
