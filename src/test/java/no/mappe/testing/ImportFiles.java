package no.mappe.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Files an organisation's old archive holds, made for the import tests: letters as text, Word and PDF, and a zip bomb. */
public final class ImportFiles {

    private ImportFiles() {
    }

    /** A short letter whose one made-up word the test searches for. */
    public static byte[] letter(String word) {
        return ("Brev fra NAV Heimdal\n\nVi viser til samtalen om arbeidstrening. Saken gjelder " + word
                + ".\nMed vennlig hilsen\nNAV Heimdal\n").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] docx(String word) throws IOException {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText("Sluttrapport fra arbeidsgiveren om " + word);
            document.write(out);
            return out.toByteArray();
        }
    }

    public static byte[] pdf(String word) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText("Vedtak om tiltaksplass " + word);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    /** 10 MB of one letter deflated to about 10 KB: more than the expansion budget allows. */
    public static byte[] zipBomb() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("brev.txt"));
            byte[] line = "a".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 10_000; i++) {
                zip.write(line);
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** A zip of named files, as a leader sends an import job. */
    public static byte[] zip(java.util.Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
