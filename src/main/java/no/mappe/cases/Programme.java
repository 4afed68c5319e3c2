package no.mappe.cases;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The programmes a case can belong to. Norwegian ones are NAV's; Danish ones are the municipal
 * schemes. The report interval is how often a progress report is due (every 3 months in APS and
 * AFT, every 6 months in VTA).
 */
public enum Programme {
    AFT("AFT", "NO", 3),                 // arbeidsforberedende trening
    VTA("VTA", "NO", 6),                 // varig tilrettelagt arbeid
    APS("APS", "NO", 3),                 // arbeidspraksis i skjermet virksomhet
    VIRKSOMHEDSPRAKTIK("virksomhedspraktik", "DK", 3),
    FLEKSJOB("fleksjob", "DK", 6),
    LOENTILSKUD("løntilskud", "DK", 3);

    private final String code;
    private final String country;
    private final int reportIntervalMonths;

    Programme(String code, String country, int reportIntervalMonths) {
        this.code = code;
        this.country = country;
        this.reportIntervalMonths = reportIntervalMonths;
    }

    public String code() {
        return code;
    }

    public int reportIntervalMonths() {
        return reportIntervalMonths;
    }

    public static Optional<Programme> forCountry(String country, String code) {
        return Arrays.stream(values()).filter(p -> p.country.equals(country) && p.code.equals(code)).findFirst();
    }

    public static List<String> codesFor(String country) {
        return Arrays.stream(values()).filter(p -> p.country.equals(country)).map(Programme::code).toList();
    }
}
