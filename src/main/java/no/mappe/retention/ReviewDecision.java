package no.mappe.retention;

import java.time.LocalDate;

/**
 * The leader's decision on a document due for review: keep it until {@code date} (reviewed again
 * then), or dispose of it (due from {@code date}, the day of the decision).
 */
public record ReviewDecision(String decision, LocalDate date) {

    public static final String KEEP_UNTIL = "keep-until";
    public static final String DISPOSE = "dispose";

    public boolean dispose() {
        return DISPOSE.equals(decision);
    }
}
