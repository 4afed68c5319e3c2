package no.mappe.minutes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.cases.CaseService;
import no.mappe.errors.InvalidFields.FieldError;
import no.mappe.security.Directory;

/**
 * The initials-only rule of the minutes book, applied wherever minutes are saved (new, edited, by
 * page or API): {@link PersonalDataCheck} against the full names the organisation knows (its
 * participants, staff folders and users), turned into field errors a form shows beside each field.
 * The errors never repeat a name, only the initials to write instead.
 */
public final class MinutesCheck {

    /** The template the minutes book holds, and only it. */
    public static final String TEMPLATE = "meeting-minutes";
    /** The request flag by which the writer confirms that the name-like words left are not people's names. */
    public static final String CONFIRM = "confirmNameLike";

    // a table cell as PersonalDataCheck names it (rows from 1): items[2].notes
    private static final Pattern CELL = Pattern.compile("([A-Za-z0-9_]+)\\[(\\d+)]\\.([A-Za-z0-9_]+)");

    private final CaseService cases;
    private final Directory directory;

    public MinutesCheck(CaseService cases, Directory directory) {
        this.cases = cases;
        this.directory = directory;
    }

    /** What in the fields must change (or be confirmed) before minutes are saved. */
    public List<PersonalDataCheck.Finding> findings(String organisationId, Map<String, Object> fields) {
        List<String> known = new ArrayList<>(cases.knownNames(organisationId));
        directory.users(organisationId).forEach(user -> known.add(user.displayName()));
        return PersonalDataCheck.check(fields, known);
    }

    /**
     * The field errors that stop the minutes from being saved: every birth number and known full
     * name, and the name-like words unless the writer confirmed them; empty when they may be saved.
     */
    public List<FieldError> problems(String organisationId, Map<String, Object> fields, boolean nameLikeConfirmed) {
        List<PersonalDataCheck.Finding> findings = findings(organisationId, fields);
        if (PersonalDataCheck.savable(findings, nameLikeConfirmed)) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        for (PersonalDataCheck.Finding finding : findings) {
            String message = switch (finding.kind()) {
                case BIRTH_NUMBER -> "contains a birth number, which minutes never hold: remove it";
                case KNOWN_NAME -> "contains the full name of someone the organisation knows: write the initials " + finding.initials()
                        + " instead";
                case NAME_LIKE -> "contains words that look like a name: write the initials " + finding.initials()
                        + ", or confirm that they are not a person's name";
            };
            errors.add(new FieldError(path(finding.field()), message));
        }
        if (!nameLikeConfirmed && findings.stream().anyMatch(finding -> finding.kind().overridable())) {
            errors.add(new FieldError(CONFIRM, "must be true to keep words that look like names; write initials otherwise"));
        }
        return errors;
    }

    /** {@code items[2].notes} (rows from 1) as the request path {@code fields.items[1].notes}; a plain field as {@code fields.name}. */
    private static String path(String field) {
        Matcher cell = CELL.matcher(field);
        return cell.matches() ? "fields." + cell.group(1) + "[" + (Integer.parseInt(cell.group(2)) - 1) + "]." + cell.group(3)
                : "fields." + field;
    }
}
