package no.mappe.retention;

import java.time.LocalDate;

/**
 * Where a document stands under its organisation's policy, as shown with the document.
 *
 * @param dueDate empty until the triggering event has happened (or for {@code keep})
 * @param hold    whether a hold stops disposal
 */
public record RetentionStatus(String retentionClass, String trigger, LocalDate dueDate, String action, boolean hold) {

    /** The retention states a leader filters by, in the order they are shown. */
    public static final java.util.List<String> STATES = java.util.List.of("waiting", "scheduled", "due", "on-hold", "keep");
    /** The index's time-independent part of "scheduled" and "due": a due date is set. */
    public static final String DATED = "dated";

    /**
     * The part of the state that does not change as days pass, which the index stores: keep,
     * on-hold, waiting (for the triggering event) or dated; whether a dated document is scheduled
     * or due is decided against today's date when searching ({@code SearchIndex}).
     */
    public String phase() {
        if (hold) {
            return "on-hold";
        }
        if (RetentionAction.KEEP.code().equals(action)) {
            return "keep";
        }
        return dueDate == null ? "waiting" : DATED;
    }
}
