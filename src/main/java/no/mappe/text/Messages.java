package no.mappe.text;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The texts users read, in bokmål or Danish, from {@code pages/messages_<lang>.properties}: for the
 * pages and for the files the system writes for people (CSV and XLSX exports, the innsyn index), so
 * a status or an audit action has one wording wherever it is read.
 */
public final class Messages {

    private Messages() {
    }

    /** The text for the key in the language, with its arguments filled in; the key itself when there is none. */
    public static String text(String language, String key, Object... arguments) {
        try {
            String pattern = ResourceBundle.getBundle("pages.messages", Locale.forLanguageTag(language)).getString(key);
            return arguments.length == 0 ? pattern : new MessageFormat(pattern, Locale.forLanguageTag(language)).format(arguments);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /** How an audit action reads ("Dokumentet ble signert"); the stored action stays a code, part of the hash chain. */
    public static String auditAction(String language, String action) {
        return text(language, "language.audit." + action);
    }
}
