package no.mappe.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 5);

    @Test
    void progressReportsAreDueEverySixMonthsInVtaAndEveryThreeInApsAndAft() {
        List<Deadlines.DocumentFact> reports = List.of(fact("r1", "progress-report", LocalDate.of(2026, 4, 10)),
                fact("r2", "progress-report", LocalDate.of(2026, 7, 1)));
        assertThat(Deadlines.nextProgressReport(caseOf("VTA"), reports)).contains(LocalDate.of(2027, 1, 1));
        assertThat(Deadlines.nextProgressReport(caseOf("APS"), reports)).contains(LocalDate.of(2026, 10, 1));
        assertThat(Deadlines.nextProgressReport(caseOf("AFT"), List.of())).as("from the start").contains(LocalDate.of(2026, 4, 5));
        Case ended = new Case("c", "o", null, "AFT", "u", START, List.of(new CaseEvent("e", "case-ended", LocalDate.of(2026, 6, 1),
                "u", "t")));
        assertThat(Deadlines.nextProgressReport(ended, reports)).isEmpty();
    }

    @Test
    void complaintsAreAnsweredWithinFourWeeksAndTheNewestMinutesSetTheNextMeeting() {
        Deadlines.DocumentFact complaint = fact("k", "complaint", LocalDate.of(2026, 3, 2));
        Deadlines.DocumentFact older = new Deadlines.DocumentFact("m1", "meeting-decision", LocalDate.of(2026, 2, 1), "signed", false,
                Map.of("next-meeting", LocalDate.of(2026, 3, 1)));
        Deadlines.DocumentFact newer = new Deadlines.DocumentFact("m2", "meeting-decision", LocalDate.of(2026, 3, 1), "draft", true,
                Map.of("next-meeting", LocalDate.of(2026, 5, 20)));
        List<Deadlines.Deadline> due = Deadlines.of(caseOf("AFT"), List.of(complaint, older, newer));
        assertThat(due).extracting(Deadlines.Deadline::kind, Deadlines.Deadline::due, Deadlines.Deadline::documentId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("complaint-answer", LocalDate.of(2026, 3, 30), "k"),
                org.assertj.core.groups.Tuple.tuple("progress-report", LocalDate.of(2026, 4, 5), null),
                org.assertj.core.groups.Tuple.tuple("next-meeting", LocalDate.of(2026, 5, 20), "m2"),
                org.assertj.core.groups.Tuple.tuple("signatures", null, "m2"));
        Deadlines.DocumentFact answer = fact("a", "complaint-answer", LocalDate.of(2026, 3, 20));
        assertThat(Deadlines.of(caseOf("AFT"), List.of(complaint, answer))).extracting(Deadlines.Deadline::kind)
                .doesNotContain("complaint-answer");
    }

    private static Case caseOf(String programme) {
        return new Case("c", "o", null, programme, "u", START, List.of());
    }

    private static Deadlines.DocumentFact fact(String id, String type, LocalDate date) {
        return new Deadlines.DocumentFact(id, type, date, "signed", false, Map.of());
    }
}
