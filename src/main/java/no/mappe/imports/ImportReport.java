package no.mappe.imports;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import no.mappe.text.Messages;

/**
 * What an import did, file by file, in the order of the case map: imported (with the new document), skipped as
 * already there, or failed with a code and what to do about it in the organisation's language.
 */
public record ImportReport(int imported, int skipped, int failed, Duration took, List<Line> lines) {

    public enum Outcome { IMPORTED, SKIPPED, FAILED }

    /**
     * @param file           the path as the case map wrote it
     * @param code           why it failed ({@link Failure#code()}), or {@code already-imported} for a skip; empty when imported
     * @param explanation    the code said in the organisation's language
     * @param textExtraction for an imported file: text, unreadable, timed-out or too-large (stored without text)
     */
    public record Line(int line, String file, Outcome outcome, String code, String explanation, String documentId,
                       String textExtraction) {
    }

    public static ImportReport of(List<Line> lines, Duration took) {
        int imported = (int) lines.stream().filter(line -> line.outcome() == Outcome.IMPORTED).count();
        int skipped = (int) lines.stream().filter(line -> line.outcome() == Outcome.SKIPPED).count();
        return new ImportReport(imported, skipped, lines.size() - imported - skipped, took, lines);
    }

    public double filesPerSecond() {
        return took.isZero() ? 0 : lines.size() / (took.toMillis() / 1000.0);
    }

    /** The report as a spreadsheet opens it: UTF-8 with a byte order mark, {@code ;}, headings in the organisation's language. */
    public byte[] csv(String language) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append(String.join(";", List.of("line", "file", "outcome", "code", "explanation", "document", "text").stream()
                .map(column -> Messages.text(language, "import.report." + column)).toList())).append("\r\n");
        for (Line line : lines) {
            csv.append(line.line()).append(';').append(quoted(line.file())).append(';')
                    .append(quoted(Messages.text(language, "import.outcome." + line.outcome().name().toLowerCase(java.util.Locale.ROOT))))
                    .append(';').append(line.code()).append(';').append(quoted(line.explanation())).append(';')
                    .append(line.documentId()).append(';').append(line.textExtraction()).append("\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(csv.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String quoted(String value) {
        String safe = value.isEmpty() || "=+-@".indexOf(value.charAt(0)) < 0 ? value : "'" + value; // no formulas in Excel
        return safe.contains(";") || safe.contains("\"") || safe.contains("\n") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
