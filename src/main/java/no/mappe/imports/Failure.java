package no.mappe.imports;

import java.util.Locale;
import no.mappe.text.Messages;

/** Why a file of an import was not stored, as a code for scripts and as a sentence an operator acts on. */
public enum Failure {
    ROW_FIELDS, ROW_NO_FILE, ROW_NO_CASE, DATE_INVALID,
    PATH_INVALID, FILE_MISSING, FILE_UNREADABLE, FILE_EMPTY, FILE_TOO_LARGE, FILE_REFUSED, CASE_UNKNOWN,
    CASE_AMBIGUOUS, TYPE_UNKNOWN, ACCESS_LEVEL_INVALID, BUSY, STORAGE_FAILED;

    /** Also a skip's code: the same content is already in the organisation's archive. */
    static final String ALREADY_IMPORTED = "already-imported";

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    String explain(String language) {
        return Messages.text(language, "import.failure." + code());
    }
}
