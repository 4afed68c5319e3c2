package no.mappe.complaints;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import no.mappe.db.Sql;

/**
 * What the annual report says about complaints (Vinn Hallingdal: "number, type and how they were
 * handled"), by the year they were received: each complaint once, whatever letters it produced
 * (an answer is not a complaint), by what it was about, by who complained, by outcome, and how
 * long the answer took (within four weeks, later, still open, and the median days to answer).
 *
 * @param byOutcome  the outcomes, then {@code unrecorded} (answered before the register existed) and {@code open}
 * @param medianDays days from receipt to answer of the answered ones; null when none was answered
 */
public record ComplaintStatistics(int total, List<Tally> byCategory, List<Tally> byComplainant, List<Tally> byOutcome,
                                  int answeredInTime, int answeredLate, int open, Double medianDays) {

    /** How many complaints had this category, complainant kind or outcome (a code; pages and exports word it). */
    public record Tally(String code, int count) {
    }

    public static final String UNRECORDED = "unrecorded";
    public static final String OPEN = "open";

    private record Row(String category, String complainant, LocalDate received, LocalDate answered, String outcome) {
    }

    /** The counts of one organisation for the complaints received in {@code year}. */
    public static ComplaintStatistics of(Connection connection, String organisationId, int year) throws SQLException {
        List<Row> rows = Sql.list(connection, "SELECT category, complainant, received_date, answer_date, outcome FROM complaints"
                        + " WHERE organisation_id = ? AND substr(received_date, 1, 4) = ?",
                row -> new Row(row.getString(1), row.getString(2), LocalDate.parse(row.getString(3)),
                        row.getString(4) == null ? null : LocalDate.parse(row.getString(4)), row.getString(5)),
                organisationId, String.format("%04d", year));
        List<Tally> byCategory = ComplaintCategory.codes().stream()
                .map(code -> new Tally(code, (int) rows.stream().filter(r -> r.category().equals(code)).count())).toList();
        List<Tally> byComplainant = Complainant.codes().stream()
                .map(code -> new Tally(code, (int) rows.stream().filter(r -> r.complainant().equals(code)).count())).toList();
        List<Tally> byOutcome = new ArrayList<>(Outcome.codes().stream()
                .map(code -> new Tally(code, (int) rows.stream().filter(r -> code.equals(r.outcome())).count())).toList());
        byOutcome.add(new Tally(UNRECORDED, (int) rows.stream().filter(r -> r.answered() != null && r.outcome() == null).count()));
        int open = (int) rows.stream().filter(r -> r.answered() == null).count();
        byOutcome.add(new Tally(OPEN, open));
        List<Long> days = rows.stream().filter(r -> r.answered() != null)
                .map(r -> ChronoUnit.DAYS.between(r.received(), r.answered())).sorted().toList();
        int inTime = (int) rows.stream().filter(r -> r.answered() != null
                && !r.answered().isAfter(r.received().plusWeeks(ComplaintRegister.ANSWER_WEEKS))).count();
        return new ComplaintStatistics(rows.size(), byCategory, byComplainant, List.copyOf(byOutcome), inTime, days.size() - inTime,
                open, median(days));
    }

    private static Double median(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
