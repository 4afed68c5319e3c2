package no.mappe.cases;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Business events on a case. Retention rules start their clocks from these, never from creation dates. */
public enum CaseEventType {
    /** NAV (or the jobcenter) confirmed it received the final report: the participant folder may go. */
    FINAL_REPORT_RECEIVED("final-report-received"),
    CASE_ENDED("case-ended"),
    EMPLOYMENT_ENDED("employment-ended"),
    COMPLAINT_CLOSED("complaint-closed");

    private final String code;

    CaseEventType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<CaseEventType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(CaseEventType::code).toList();
    }
}
