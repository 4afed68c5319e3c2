package no.mappe.complaints;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a complaint ended: upheld (medhold), partly upheld, not upheld, or withdrawn by the complainant. */
public enum Outcome {
    UPHELD("upheld"), PARTLY_UPHELD("partly-upheld"), NOT_UPHELD("not-upheld"), WITHDRAWN("withdrawn");

    /** The answer letter's conclusion ({@code decision} in templates/complaint-answer). */
    private static final Map<String, Outcome> LETTER_DECISIONS = Map.of("medhold", UPHELD, "delvis-medhold", PARTLY_UPHELD,
            "ikke-medhold", NOT_UPHELD);

    private final String code;

    Outcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Outcome> fromCode(String code) {
        return Arrays.stream(values()).filter(outcome -> outcome.code.equals(code)).findFirst();
    }

    public static Optional<Outcome> ofLetterDecision(Object decision) {
        return Optional.ofNullable(LETTER_DECISIONS.get(String.valueOf(decision)));
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(Outcome::code).toList();
    }
}
