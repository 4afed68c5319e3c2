package no.mappe.retention;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What happens to a document when its retention period is over (Noark 5 kassasjonsvedtak). */
public enum RetentionAction {
    /** Kasseres: destroyed for good. */
    SHRED,
    /**
     * Anonymiseres: content, names and birth dates destroyed; a statistical record (type,
     * programme, year) is kept so the yearly counts survive.
     */
    ANONYMISE,
    /** Bevares: kept; never due. */
    KEEP,
    /** Vurderes senere: listed for a person to decide; nothing is destroyed automatically. */
    REVIEW;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether carrying it out destroys content (and so may need the leader's approval). */
    public boolean disposes() {
        return this == SHRED || this == ANONYMISE;
    }

    /** The outcome a sweep records when it carries the action out. */
    public String doneOutcome() {
        return this == ANONYMISE ? "anonymised" : "shredded";
    }

    public static Optional<RetentionAction> fromCode(String code) {
        return Arrays.stream(values()).filter(a -> a.code().equals(code)).findFirst();
    }
}
