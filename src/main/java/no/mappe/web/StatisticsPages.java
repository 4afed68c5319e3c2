package no.mappe.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.mappe.archive.DocumentService;
import no.mappe.cases.Programme;
import no.mappe.retention.Statistics;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The numbers for the annual report: a table and a chart per year, and the same as CSV and XLSX. */
final class StatisticsPages {

    private final Statistics statistics;
    private final DocumentService documents;
    private final PageRenderer pages;

    StatisticsPages(Statistics statistics, DocumentService documents, PageRenderer pages) {
        this.statistics = statistics;
        this.documents = documents;
        this.pages = pages;
    }

    /** A count as the reader says it: the document type's title and the programme's name, never their codes. */
    private List<Map<String, Object>> worded(Context ctx, List<Statistics.Count> counts) {
        String language = pages.language(ctx);
        String organisationId = Requests.caller(ctx).organisationId();
        return counts.stream().map(count -> Map.<String, Object>of(
                "type", documents.typeTitle(organisationId, count.documentType(), language),
                "programme", Programme.displayName(count.programme(), language), "count", count.count())).toList();
    }

    void show(Context ctx) {
        int year = Requests.intQuery(ctx, "year", LocalDate.now().getYear(), 9999);
        Statistics.Yearly yearly = statistics.yearly(Requests.caller(ctx), year);
        int largest = yearly.documents().stream().mapToInt(Statistics.Count::count).max().orElse(1);
        // Bars in steps of 5% (CSS classes w1..w20): the pages allow no inline styles.
        List<Map<String, Object>> bars = worded(ctx, yearly.documents()).stream().map(count -> {
            Map<String, Object> bar = new java.util.HashMap<>(count);
            bar.put("step", Math.max(1, ((Integer) count.get("count") * 20 + largest - 1) / largest));
            return bar;
        }).toList();
        pages.render(ctx, "statistics", Map.of("yearly", yearly, "bars", bars, "complaints", worded(ctx, yearly.complaints()),
                "previous", year - 1, "next", year + 1));
    }

    void csv(Context ctx) {
        Statistics.Yearly yearly = yearly(ctx);
        String language = pages.language(ctx);
        StringBuilder csv = new StringBuilder(String.join(";", PageRenderer.text(language, "statistics.years"),
                PageRenderer.text(language, "language.statistics.kind"), PageRenderer.text(language, "statistics.type"),
                PageRenderer.text(language, "statistics.programme"), PageRenderer.text(language, "statistics.count")) + "\n");
        String documentsKind = PageRenderer.text(language, "statistics.documents");
        String complaintsKind = PageRenderer.text(language, "statistics.complaints");
        worded(ctx, yearly.documents()).forEach(count -> csv.append(line(yearly.year(), documentsKind, count)));
        worded(ctx, yearly.complaints()).forEach(count -> csv.append(line(yearly.year(), complaintsKind, count)));
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"statistics-" + yearly.year()
                + ".csv\"").result(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    void xlsx(Context ctx) {
        Statistics.Yearly yearly = yearly(ctx);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            String language = pages.language(ctx);
            sheet(workbook.createSheet(PageRenderer.text(language, "statistics.documents")), worded(ctx, yearly.documents()), language);
            sheet(workbook.createSheet(PageRenderer.text(language, "statistics.complaints")), worded(ctx, yearly.complaints()), language);
            workbook.write(out);
            ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .header("Content-Disposition", "attachment; filename=\"statistics-" + yearly.year() + ".xlsx\"")
                    .result(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Statistics.Yearly yearly(Context ctx) {
        String year = ctx.pathParam("year");
        if (!year.matches("\\d{4}")) {
            throw new no.mappe.errors.BadRequest("The year must have four digits, e.g. /statistics/2026/csv");
        }
        return statistics.yearly(Requests.caller(ctx), Integer.parseInt(year));
    }

    private static void sheet(Sheet sheet, List<Map<String, Object>> counts, String language) {
        Row header = sheet.createRow(0);
        header.createCell(0).setCellValue(PageRenderer.text(language, "statistics.type"));
        header.createCell(1).setCellValue(PageRenderer.text(language, "statistics.programme"));
        header.createCell(2).setCellValue(PageRenderer.text(language, "statistics.count"));
        for (int i = 0; i < counts.size(); i++) {
            Row row = sheet.createRow(i + 1);
            row.createCell(0).setCellValue((String) counts.get(i).get("type"));
            row.createCell(1).setCellValue((String) counts.get(i).get("programme"));
            row.createCell(2).setCellValue((Integer) counts.get(i).get("count"));
        }
    }

    private static String line(int year, String kind, Map<String, Object> count) {
        return year + ";" + kind + ";" + count.get("type") + ";" + count.get("programme") + ";" + count.get("count") + "\n";
    }
}
