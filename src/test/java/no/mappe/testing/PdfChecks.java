package no.mappe.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** Independent checks of generated PDFs: veraPDF validation and text extraction. */
public final class PdfChecks {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfChecks() {
    }

    /** The rules the PDF breaks under a flavour (PDF/A-2u, PDF/UA-1, ...); empty when compliant. */
    public static List<String> violations(byte[] pdf, PDFAFlavour flavour) {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
            ValidationResult result = validator.validate(parser);
            return result.getTestAssertions().stream()
                    .filter(assertion -> assertion.getStatus() == TestAssertion.Status.FAILED)
                    .map(assertion -> assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber() + ": "
                            + assertion.getMessage())
                    .distinct()
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException("veraPDF could not validate the PDF", e);
        }
    }

    /**
     * The text of each page as poppler's pdftotext reads it (a reader independent of PDFBox, which made the
     * PDF); needs pdftotext ({@link RequiredTool}).
     */
    public static List<String> pagesByPdftotext(byte[] pdf) {
        RequiredTool.require("pdftotext", "poppler-utils");
        try {
            Path file = Files.createTempFile("mappe-pdftotext", ".pdf");
            try {
                Files.write(file, pdf);
                Process process = new ProcessBuilder("pdftotext", "-layout", file.toString(), "-").redirectErrorStream(true).start();
                String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("pdftotext could not read the PDF: " + text);
                }
                // pdftotext ends every page with a form feed.
                return Arrays.stream(text.split("\f")).filter(page -> !page.isBlank()).toList();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while pdftotext read the PDF", e);
        }
    }

    /** The text as a reader reads it, whatever the lines: every run of spaces and line breaks one space. */
    public static String flatText(byte[] pdf) {
        return text(pdf).replaceAll("\\s+", " ");
    }

    /** The text PDFBox extracts, in reading order. */
    public static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new IllegalStateException("Not a readable PDF", e);
        }
    }
}
