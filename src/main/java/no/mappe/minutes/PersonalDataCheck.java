package no.mappe.minutes;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minutes of the organisation's meetings carry initials only ("Vi skriver aldri fullt navn på
 * ansatte/deltakere som tas opp på møter, kun initialer"). This finds, in the text fields of a
 * minutes form, what must not be there: a Norwegian birth number (11 digits) or a Danish CPR number
 * (ddmmyy-xxxx), always refused; the full name of a participant or staff member of the organisation,
 * refused with their initials offered instead; and any other run of two or more capitalised words
 * that looks like a name ("Kari Nordmann"), a warning the writer may override (it may be a place or
 * a company). Runs on the server, for pages and API alike.
 */
public final class PersonalDataCheck {

    /** What was found: the field, the kind, the text as written and, for names, the initials to use instead. */
    public record Finding(String field, Kind kind, String text, String initials) {
    }

    public enum Kind {
        /** fødselsnummer / CPR-nummer: never in minutes, not even on purpose. */
        BIRTH_NUMBER,
        /** the full name of someone the organisation knows: use the initials. */
        KNOWN_NAME,
        /** two or more capitalised words: probably a name; the writer may confirm it is not. */
        NAME_LIKE;

        public boolean overridable() {
            return this == NAME_LIKE;
        }
    }

    // 11 digits (optionally 6 + space + 5), or ddmmyy-xxxx; not inside a longer run of digits.
    private static final Pattern BIRTH_NUMBER = Pattern.compile(
            "(?<![\\d])(?:[0-3]\\d[01]\\d\\d{2}[ ]?\\d{5}|[0-3]\\d[01]\\d\\d{2}-?\\d{4})(?![\\d])");
    private static final String WORD = "\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}[\\p{Ll}'’]+)*";
    private static final Pattern NAME_RUN = Pattern.compile("(?<![\\p{L}])" + WORD + "(?:\\s+" + WORD + ")+(?![\\p{L}])");

    private PersonalDataCheck() {
    }

    /**
     * The findings in every text of {@code fields} (strings, lists of strings and table rows), in
     * field order. A table cell is named {@code field[row].column} (rows from 1).
     *
     * @param knownNames full names of the organisation's participants and staff
     */
    public static List<Finding> check(Map<String, Object> fields, Collection<String> knownNames) {
        List<Finding> findings = new ArrayList<>();
        fields.forEach((name, value) -> walk(name, value, knownNames, findings));
        return findings;
    }

    /** Whether the findings leave the minutes savable: no birth number, no known name, and name-like words only if confirmed. */
    public static boolean savable(List<Finding> findings, boolean nameLikeConfirmed) {
        return findings.stream().allMatch(finding -> finding.kind().overridable() && nameLikeConfirmed);
    }

    /** "Kari Nordmann" becomes "K.N.", "Per-Olav Dahl" "P.-O.D."; initials, as the source documents ask. */
    public static String initials(String fullName) {
        StringBuilder initials = new StringBuilder();
        for (String word : fullName.strip().split("\\s+")) {
            String[] parts = word.split("-");
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].isEmpty()) {
                    initials.append(i > 0 ? "-" : "").append(parts[i].substring(0, parts[i].offsetByCodePoints(0, 1))
                            .toUpperCase(Locale.ROOT)).append('.');
                }
            }
        }
        return initials.toString();
    }

    private static void walk(String field, Object value, Collection<String> knownNames, List<Finding> findings) {
        switch (value) {
            case String text -> text(field, text, knownNames, findings);
            case List<?> items -> {
                for (int i = 0; i < items.size(); i++) {
                    Object item = items.get(i);
                    if (item instanceof Map<?, ?> row) {
                        int number = i + 1;
                        row.forEach((column, cell) -> walk(field + "[" + number + "]." + column, cell, knownNames, findings));
                    } else {
                        walk(field, item, knownNames, findings);
                    }
                }
            }
            case null, default -> {
            }
        }
    }

    private static void text(String field, String text, Collection<String> knownNames, List<Finding> findings) {
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFC);
        Matcher numbers = BIRTH_NUMBER.matcher(normalised);
        while (numbers.find()) {
            findings.add(new Finding(field, Kind.BIRTH_NUMBER, numbers.group(), ""));
        }
        Set<String> known = new LinkedHashSet<>();
        String lower = normalised.toLowerCase(Locale.ROOT);
        for (String name : knownNames) {
            String wanted = Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
            if (wanted.contains(" ") && containsWord(lower, wanted.toLowerCase(Locale.ROOT))) {
                known.add(wanted);
                findings.add(new Finding(field, Kind.KNOWN_NAME, wanted, initials(wanted)));
            }
        }
        Matcher runs = NAME_RUN.matcher(normalised);
        while (runs.find()) {
            String run = runs.group();
            boolean partOfKnown = known.stream().anyMatch(name -> name.contains(run) || run.contains(name));
            if (!partOfKnown) {
                findings.add(new Finding(field, Kind.NAME_LIKE, run, initials(run)));
            }
        }
    }

    private static boolean containsWord(String text, String phrase) {
        int at = text.indexOf(phrase);
        while (at >= 0) {
            boolean startOk = at == 0 || !Character.isLetter(text.charAt(at - 1));
            int end = at + phrase.length();
            boolean endOk = end == text.length() || !Character.isLetter(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            at = text.indexOf(phrase, at + 1);
        }
        return false;
    }
}
