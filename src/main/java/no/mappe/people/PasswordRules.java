package no.mappe.people;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.InvalidFields.FieldError;
import no.mappe.security.Directory;

/**
 * What a password set through a one-time link must be: long enough to resist guessing (length
 * counts, not character classes, as NIST SP 800-63B advises), not absurdly long (the hash's cost
 * grows with it), and not built on the username, which is the first thing a guesser tries.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 200;

    /** One thing wrong with a chosen password; the field it belongs to and what the API says about it. */
    public enum Problem {
        REQUIRED("password", "is required"),
        TOO_SHORT("password", "must be at least " + MIN_LENGTH + " characters"),
        TOO_LONG("password", "must be at most " + MAX_LENGTH + " characters"),
        CONTAINS_USERNAME("password", "must not contain the username"),
        NOT_REPEATED("repeat", "must be the same password again");

        private final String field;
        private final String message;

        Problem(String field, String message) {
            this.field = field;
            this.message = message;
        }

        public String field() {
            return field;
        }

        public String message() {
            return message;
        }
    }

    private PasswordRules() {
    }

    /**
     * The problems of a chosen password for this username; {@code repeated} is the second typing on
     * a form, or null where there is none (the API).
     */
    public static List<Problem> check(String password, String repeated, String username) {
        List<Problem> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add(Problem.REQUIRED);
            return problems;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            problems.add(Problem.TOO_SHORT);
        } else if (length > MAX_LENGTH) {
            problems.add(Problem.TOO_LONG);
        }
        if (containsUsername(password, username)) {
            problems.add(Problem.CONTAINS_USERNAME);
        }
        if (repeated != null && !repeated.equals(password)) {
            problems.add(Problem.NOT_REPEATED);
        }
        return problems;
    }

    /** Throws the problems as invalid fields (for the API and as the service's own guard). */
    static void require(String password, String repeated, String username) {
        List<Problem> problems = check(password, repeated, username);
        if (!problems.isEmpty()) {
            throw new InvalidFields(problems.stream().map(problem -> new FieldError(problem.field(), problem.message())).toList());
        }
    }

    /** The username, or for an e-mail address its part before the @ when that is 3 characters or more. */
    private static boolean containsUsername(String password, String username) {
        String plain = Normalizer.normalize(password, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        String name = Directory.normaliseUsername(username);
        if (plain.contains(name)) {
            return true;
        }
        int at = name.indexOf('@');
        return at >= 3 && plain.contains(name.substring(0, at));
    }
}
