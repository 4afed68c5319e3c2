package no.mappe.search;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a text that read as names: capitalised where a sentence does not begin ("hos Bråtens
 * Lager i Asker", "fastlege Jørgen Våge"), or where one does but the dictionary does not know the word
 * in lower case or the next word is capitalised too ("Trude Østby, veileder i NAV" on a line of its
 * own; not "Lageret er ..."). They are
 * indexed with the case's people in the names field, unstemmed and folded, so "Asker" finds the place
 * without finding "Ask", and "Braten" finds "Bråtens". A word ending in a genitive s is also taken
 * without it.
 */
final class NameWords {

    /** A capitalised word, with what comes before it back to the previous word. */
    private static final Pattern CAPITALISED = Pattern.compile("([^\\p{L}\\p{N}]*)(\\p{Lu}[\\p{L}'’-]*)");
    private static final int SHORTEST_GENITIVE = 4;

    private NameWords() {
    }

    /** The name-like words of {@code text}, space-separated, each once; {@code dictionary} is the text's language's. */
    static String of(String text, WordForms dictionary) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = CAPITALISED.matcher(text);
        while (matcher.find()) {
            int start = matcher.start(2);
            boolean startsWord = start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1));
            String name = matcher.group(2);
            if (!startsWord || beginsSentence(text, matcher.start(1), matcher.group(1))
                    && !dictionary.of(name.toLowerCase(Locale.ROOT)).isEmpty() && !capitalisedNext(text, matcher.end(2))) {
                continue;
            }
            names.add(name);
            if (name.length() >= SHORTEST_GENITIVE && (name.endsWith("s") || name.endsWith("s'"))) {
                names.add(name.substring(0, name.lastIndexOf('s')));
            }
        }
        return String.join(" ", names);
    }

    /** Whether the next word on the same line is capitalised too, as in a name of two words ("Trude Østby"). */
    private static boolean capitalisedNext(String text, int end) {
        int next = end;
        while (next < text.length() && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
            next++;
        }
        return next > end && next < text.length() && Character.isUpperCase(text.charAt(next));
    }

    /** At the start of the text, a line, or after a full stop, question or exclamation mark, or a colon. */
    private static boolean beginsSentence(String text, int gapStart, String gap) {
        if (gapStart == 0 || gap.indexOf('\n') >= 0 || gap.indexOf('\r') >= 0) {
            return true;
        }
        for (int i = 0; i < gap.length(); i++) {
            char c = gap.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == ':' || c == '•' || c == '–') {
                return true;
            }
        }
        return false;
    }
}
