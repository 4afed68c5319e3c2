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
    AFT("AFT", "NO", 3, "arbeidsforberedende trening (AFT)", "arbejdsforberedende træning (AFT)"),
    VTA("VTA", "NO", 6, "varig tilrettelagt arbeid (VTA)", "varigt tilrettelagt arbejde (VTA)"),
    APS("APS", "NO", 3, "arbeidspraksis i skjermet virksomhet (APS)", "arbejdspraktik i beskyttet virksomhed (APS)"),
    VIRKSOMHEDSPRAKTIK("virksomhedspraktik", "DK", 3, "virksomhetspraksis", "virksomhedspraktik"),
    FLEKSJOB("fleksjob", "DK", 6, "fleksjobb", "fleksjob"),
    LOENTILSKUD("løntilskud", "DK", 3, "lønnstilskudd", "job med løntilskud"),
    // An employment in the municipality until retirement age, followed up like a fleksjob.
    SENIORJOB("seniorjob", "DK", 6, "seniorjobb", "seniorjob");

    private final String code;
    private final String country;
    private final int reportIntervalMonths;
    private final String norwegianName;
    private final String danishName;

    Programme(String code, String country, int reportIntervalMonths, String norwegianName, String danishName) {
        this.code = code;
        this.country = country;
        this.reportIntervalMonths = reportIntervalMonths;
        this.norwegianName = norwegianName;
        this.danishName = danishName;
    }

    /** The programme's full name in a document language (nb or da). */
    public String displayName(String language) {
        return "da".equals(language) ? danishName : norwegianName;
    }

    public static Optional<Programme> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }

    /** The full name for a stored programme code; the code itself if it is not known. */
    public static String displayName(String code, String language) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst().map(p -> p.displayName(language)).orElse(code);
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
