package no.mappe.cases;

import java.time.LocalDate;

/**
 * NAV's order (bestilling) or the Danish job centre's referral (henvisning) a case was opened on.
 * Every part is optional: older cases have none, and the dates may follow later.
 *
 * @param reference NAV's or the job centre's own reference
 * @param service   the service ordered, as the order words it
 */
public record Referral(String reference, String service, LocalDate from, LocalDate to) {

    static final Referral NONE = new Referral("", "", null, null);

    public boolean isEmpty() {
        return (reference == null || reference.isBlank()) && (service == null || service.isBlank()) && from == null && to == null;
    }
}
