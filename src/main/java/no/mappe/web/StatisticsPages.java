package no.mappe.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.mappe.complaints.ComplaintStatistics;
import no.mappe.retention.Statistics;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The numbers for the annual report: a table and a chart per year, and the same as CSV and XLSX. */
final class StatisticsPages {

    private final Statistics statistics;
    private final PageRenderer pages;

    StatisticsPages(Statistics statistics, PageRenderer pages) {
        this.statistics = statistics;
        this.pages = pages;
    }

    void show(Context ctx) {
        int year = Requests.intQuery(ctx, "year", LocalDate.now().getYear(), 9999);
        Statistics.Yearly yearly = statistics.yearly(Requests.caller(ctx), year);
        int largest = yearly.documents().stream().mapToInt(Statistics.Count::count).max().orElse(1);
        // Bars in steps of 5% (CSS classes w1..w20): the pages allow no inline styles.
        List<Map<String, Object>> bars = yearly.documents().stream().map(count -> Map.<String, Object>of("type", count.documentType(),
                "programme", count.programme(), "count", count.count(),
                "step", Math.max(1, (count.count() * 20 + largest - 1) / largest))).toList();
        pages.render(ctx, "statistics", Map.of("yearly", yearly, "bars", bars, "previous", year - 1, "next", year + 1,
                "complaintGroups", complaintGroups(yearly.complaints(), pages.language(ctx))));
    }

    void csv(Context ctx) {
        Statistics.Yearly yearly = yearly(ctx);
        StringBuilder csv = new StringBuilder("year;kind;document_type;programme;count\n");
        yearly.documents().forEach(count -> csv.append(line(yearly.year(), "documents", count)));
        // Complaints once each, from the register, worded in the reader's language: group;what;;count.
        for (ComplaintGroup group : complaintGroups(yearly.complaints(), pages.language(ctx))) {
            group.lines().forEach(line -> csv.append(yearly.year()).append(';').append(group.heading()).append(';')
                    .append(line.label()).append(";;").append(line.value()).append('\n'));
        }
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"statistics-" + yearly.year()
                + ".csv\"").result(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    void xlsx(Context ctx) {
        Statistics.Yearly yearly = yearly(ctx);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            String language = pages.language(ctx);
            sheet(workbook.createSheet(PageRenderer.text(language, "statistics.documents")), yearly.documents(), language);
            complaintSheet(workbook.createSheet(PageRenderer.text(language, "statistics.complaints")),
                    complaintGroups(yearly.complaints(), language));
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

    private static void sheet(Sheet sheet, List<Statistics.Count> counts, String language) {
        Row header = sheet.createRow(0);
        header.createCell(0).setCellValue(PageRenderer.text(language, "statistics.type"));
        header.createCell(1).setCellValue(PageRenderer.text(language, "statistics.programme"));
        header.createCell(2).setCellValue(PageRenderer.text(language, "statistics.count"));
        for (int i = 0; i < counts.size(); i++) {
            Row row = sheet.createRow(i + 1);
            row.createCell(0).setCellValue(counts.get(i).documentType());
            row.createCell(1).setCellValue(counts.get(i).programme());
            row.createCell(2).setCellValue(counts.get(i).count());
        }
    }

    /** One line of the complaint counts: what, and how many (or the median days, written as the language writes numbers). */
    record ComplaintLine(String label, String value) {
    }

    /** A table of the complaint counts: by category, by complainant, by outcome, answer time. */
    record ComplaintGroup(String heading, List<ComplaintLine> lines) {
    }

    static List<ComplaintGroup> complaintGroups(ComplaintStatistics counts, String language) {
        List<ComplaintGroup> groups = new java.util.ArrayList<>();
        groups.add(new ComplaintGroup(PageRenderer.text(language, "complaints.stats.byCategory"), tallies(counts.byCategory(),
                "complaints.category.", language)));
        groups.add(new ComplaintGroup(PageRenderer.text(language, "complaints.stats.byComplainant"), tallies(counts.byComplainant(),
                "complaints.complainant.", language)));
        groups.add(new ComplaintGroup(PageRenderer.text(language, "complaints.stats.byOutcome"), tallies(counts.byOutcome(),
                "complaints.outcome.", language)));
        java.text.NumberFormat number = java.text.NumberFormat.getNumberInstance(java.util.Locale.forLanguageTag(language));
        number.setMaximumFractionDigits(1);
        number.setGroupingUsed(false);
        groups.add(new ComplaintGroup(PageRenderer.text(language, "complaints.stats.answerTime"), List.of(
                new ComplaintLine(PageRenderer.text(language, "complaints.stats.inTime"), String.valueOf(counts.answeredInTime())),
                new ComplaintLine(PageRenderer.text(language, "complaints.stats.late"), String.valueOf(counts.answeredLate())),
                new ComplaintLine(PageRenderer.text(language, "complaints.outcome.open"), String.valueOf(counts.open())),
                new ComplaintLine(PageRenderer.text(language, "complaints.stats.median"),
                        counts.medianDays() == null ? "–" : number.format(counts.medianDays())))));
        return List.copyOf(groups);
    }

    private static List<ComplaintLine> tallies(List<ComplaintStatistics.Tally> tallies, String prefix, String language) {
        return tallies.stream().map(t -> new ComplaintLine(PageRenderer.text(language, prefix + t.code()), String.valueOf(t.count())))
                .toList();
    }

    private static void complaintSheet(Sheet sheet, List<ComplaintGroup> groups) {
        int row = 0;
        for (ComplaintGroup group : groups) {
            sheet.createRow(row++).createCell(0).setCellValue(group.heading());
            for (ComplaintLine line : group.lines()) {
                Row cells = sheet.createRow(row++);
                cells.createCell(1).setCellValue(line.label());
                if (line.value().matches("\\d+")) {
                    cells.createCell(2).setCellValue(Integer.parseInt(line.value()));
                } else {
                    cells.createCell(2).setCellValue(line.value());
                }
            }
        }
    }

    private static String line(int year, String kind, Statistics.Count count) {
        return year + ";" + kind + ";" + count.documentType() + ";" + count.programme() + ";" + count.count() + "\n";
    }
}
