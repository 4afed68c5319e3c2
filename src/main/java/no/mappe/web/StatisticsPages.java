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
import no.mappe.complaints.ComplaintStatistics;
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
        pages.render(ctx, "statistics", Map.of("yearly", yearly, "bars", bars, "previous", year - 1, "next", year + 1,
                "complaintGroups", complaintGroups(yearly.complaints(), pages.language(ctx))));
    }

    void csv(Context ctx) {
        Statistics.Yearly yearly = yearly(ctx);
        String language = pages.language(ctx);
        StringBuilder csv = new StringBuilder(String.join(";", PageRenderer.text(language, "statistics.years"),
                PageRenderer.text(language, "language.statistics.kind"), PageRenderer.text(language, "statistics.type"),
                PageRenderer.text(language, "statistics.programme"), PageRenderer.text(language, "statistics.count")) + "\n");
        String documentsKind = PageRenderer.text(language, "statistics.documents");
        worded(ctx, yearly.documents()).forEach(count -> csv.append(line(yearly.year(), documentsKind, count)));
        // Complaints once each, from the register, worded in the reader's language: group;what;;count.
        for (ComplaintGroup group : complaintGroups(yearly.complaints(), language)) {
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
            sheet(workbook.createSheet(PageRenderer.text(language, "statistics.documents")), worded(ctx, yearly.documents()), language);
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

    private static String line(int year, String kind, Map<String, Object> count) {
        return year + ";" + kind + ";" + count.get("type") + ";" + count.get("programme") + ";" + count.get("count") + "\n";
    }
}
