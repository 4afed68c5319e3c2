package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import no.mappe.testing.PdfChecks;
import no.mappe.testing.RequiredTool;

/** Opens a DOCX the way a counsellor's office suite would: LibreOffice headless, converted to PDF. */
final class OfficeConversion {

    private OfficeConversion() {
    }

    static String toPdfText(byte[] docx) {
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
            return PdfChecks.text(Files.readAllBytes(pdf));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
