package no.mappe.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import no.mappe.security.OrganisationProfile;

/**
 * What an organisation prints at the top of its documents (its name, address, phone, e-mail and web
 * site, in the letterhead and the page footer) and so where the body of a document's text begins.
 * A generated document's text opens with those lines (the footer, then the letterhead block of the
 * templates' layout), followed by the title and a table of facts; a snippet taken from there says
 * nothing the hit's title does not. Texts that do not open with the organisation's own lines (most
 * uploads) have no letterhead here and keep their opening.
 */
public final class Letterhead {

    /** A line of at least this many words is running text: a paragraph someone wrote, not a heading or a table cell. */
    static final int RUNNING_TEXT_WORDS = 6;
    /** The letterhead is the unbroken run of the organisation's lines at the very top, a few lines at most. */
    private static final int LONGEST_LETTERHEAD = 8;
    /** Shorter marks (a two-letter name part) would match ordinary lines. */
    private static final int SHORTEST_MARK = 4;
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}]*(-\\p{L}[\\p{L}\\p{M}]*)*");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{P}\\p{S}]+|[\\p{P}\\p{S}]+$");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    public static final Letterhead NONE = new Letterhead(List.of());

    private final List<String> marks;

    private Letterhead(List<String> marks) {
        this.marks = marks;
    }

    /** The lines an organisation's documents print at the top, from its name and profile. */
    public static Letterhead of(String organisationName, OrganisationProfile profile) {
        List<String> marks = new ArrayList<>();
        add(marks, organisationName);
        add(marks, profile.legalName());
        for (String line : profile.address().split("\n")) {
            add(marks, line);
        }
        add(marks, profile.phone());
        add(marks, profile.email());
        add(marks, profile.website());
        return new Letterhead(List.copyOf(marks));
    }

    private static void add(List<String> marks, String mark) {
        String normalised = mark == null ? "" : SPACES.matcher(mark.strip()).replaceAll(" ");
        if (normalised.length() >= SHORTEST_MARK && !marks.contains(normalised)) {
            marks.add(normalised);
        }
    }

    /**
     * Where a text's body begins.
     *
     * @param start   where the text continues after the letterhead at its top; 0 when it does not open with one
     * @param opening where a snippet without a matched word starts: the first paragraph of running text after the
     *                letterhead (else the first line after it), or 0 for a text without a letterhead
     */
    record Body(int start, int opening) {
    }

    Body body(String text) {
        int letterheadEnd = 0;
        int start = 0;
        for (int line = 0; start < text.length(); line++) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            String content = SPACES.matcher(text.substring(start, end)).replaceAll(" ").strip();
            if (letterheadEnd == start && line < LONGEST_LETTERHEAD && isLetterhead(content)) {
                letterheadEnd = newline < 0 ? end : newline + 1;
            } else if (letterheadEnd == 0) {
                return new Body(0, 0); // it does not open with the organisation's lines: it keeps its opening
            } else if (words(content) >= RUNNING_TEXT_WORDS) {
                return new Body(letterheadEnd, start);
            }
            start = end + 1;
        }
        return new Body(letterheadEnd, letterheadEnd);
    }

    /**
     * A line of the letterhead repeats the organisation's name or details and says little else, unlike a
     * sentence that names the organisation ("Jeg samtykker i at Lysheim Arbeid AS deler ...").
     */
    private boolean isLetterhead(String line) {
        String rest = line;
        for (String mark : marks) {
            rest = rest.replace(mark, " ");
        }
        return !rest.equals(line) && words(rest) < RUNNING_TEXT_WORDS;
    }

    /** Words of letters, so that an e-mail address or web site ("post@lysheim-arbeid.example") is not taken for a sentence. */
    private static int words(String line) {
        int words = 0;
        for (String token : SPACES.split(line)) {
            if (WORD.matcher(EDGE_PUNCTUATION.matcher(token).replaceAll("")).matches()) {
                words++;
            }
        }
        return words;
    }
}
