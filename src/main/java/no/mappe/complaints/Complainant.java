package no.mappe.complaints;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may complain (Vinn Hallingdal's procedure): users (participants, linked to their case),
 * customers (NAV, municipalities, schools), partners in the work (doctors, relatives, support
 * groups), buyers at the production units; and anyone anonymously (Vekst Melhus' rights document).
 */
public enum Complainant {
    PARTICIPANT, CUSTOMER, PARTNER, BUYER, ANONYMOUS;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Someone named in the register itself, not through a case. */
    public boolean named() {
        return this == CUSTOMER || this == PARTNER || this == BUYER;
    }

    public static Optional<Complainant> fromCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code().equals(code)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(Complainant::code).toList();
    }
}
