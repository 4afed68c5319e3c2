package no.mappe.retention;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What happens to a document when its retention period is over (Noark 5 kassasjonsvedtak). */
public enum RetentionAction {
    /** Kasseres: destroyed for good. */
    SHRED,
    /** Bevares: kept; never due. */
    KEEP,
    /** Vurderes senere: listed for a person to decide; nothing is destroyed automatically. */
    REVIEW;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RetentionAction> fromCode(String code) {
        return Arrays.stream(values()).filter(a -> a.code().equals(code)).findFirst();
    }
}
