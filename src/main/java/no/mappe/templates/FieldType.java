package no.mappe.templates;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of value a template field can hold. */
public enum FieldType {
    /** One line of text. */
    TEXT(200),
    /** Paragraphs of free text. */
    LONGTEXT(10_000),
    /** A calendar date, sent as YYYY-MM-DD. */
    DATE(0),
    /** A whole number from 0, e.g. days of attendance; {@code maxLength} is its most digits. */
    NUMBER(6),
    BOOLEAN(0),
    /** One of the manifest's options. */
    CHOICE(0),
    /** A list of short texts, e.g. the recipients a participant consents to. */
    LIST(200),
    /** Rows of named cells, e.g. the goals of a plan; the manifest declares the columns. */
    TABLE(0);

    private final int defaultMaxLength;

    FieldType(int defaultMaxLength) {
        this.defaultMaxLength = defaultMaxLength;
    }

    public int defaultMaxLength() {
        return defaultMaxLength;
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FieldType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst();
    }
}
