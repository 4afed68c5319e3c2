package no.mappe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        return toPdfs(List.of(docx)).get(0);
    }

    /** The PDFs LibreOffice makes of several DOCX files, in one run of soffice (its start-up is most of the time). */
    public static List<byte[]> toPdfs(List<byte[]> documents) {
        RequiredTool.require("soffice", "libreoffice-writer-nogui");
        try {
            Path work = Files.createTempDirectory("office");
            List<String> command = new ArrayList<>(List.of("soffice", "--headless",
                    "-env:UserInstallation=file://" + work.resolve("profile"), "--convert-to", "pdf", "--outdir", work.toString()));
            for (int i = 0; i < documents.size(); i++) {
                Path input = work.resolve("document-" + i + ".docx");
                Files.write(input, documents.get(i));
                command.add(input.toString());
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("soffice finished").isTrue();
            List<byte[]> pdfs = new ArrayList<>();
            for (int i = 0; i < documents.size(); i++) {
                Path pdf = work.resolve("document-" + i + ".pdf");
                assertThat(pdf).as("LibreOffice output: " + output).exists();
                pdfs.add(Files.readAllBytes(pdf));
            }
            return pdfs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
