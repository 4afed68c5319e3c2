package no.mappe.search;

import java.util.List;
import org.apache.lucene.analysis.TokenStream;

/**
 * Adds, after a term with æ, ø or å, the same term typed on a keyboard without them (æ and å as a,
 * ø as o) at the same position, marked with {@link #MARK} so that it never meets a word spelt that way:
 * "maler" must not find "mål". A query word that neither dictionary knows, typed without æ, ø and å, is
 * also searched in its marked plain form ("oppmote" finds "oppmøtet"; see {@link UserQuery}). Runs after
 * normalisation, so ä, ö and aa have already become æ, ø and å; a query typed with "ae" or "oe" meets
 * the original through that normalisation instead.
 */
final class PlainKeyboardFilter extends SamePositionTermsFilter {

    /** Never part of a term the tokenizer makes, so a marked term is only ever found on purpose. */
    static final char MARK = '~';

    PlainKeyboardFilter(TokenStream input) {
        super(input);
    }

    @Override
    protected List<String> added() {
        char[] buffer = term.buffer();
        for (int i = 0; i < term.length(); i++) {
            if (isScandinavian(buffer[i])) {
                return List.of(plain(term.toString()));
            }
        }
        return List.of();
    }

    /** The marked plain form of a term as the text analysis leaves it. */
    static String plain(String term) {
        StringBuilder plain = new StringBuilder(term.length() + 1).append(MARK);
        term.chars().forEach(c -> plain.append(fold((char) c)));
        return plain.toString();
    }

    private static boolean isScandinavian(char c) {
        return c == 'æ' || c == 'ø' || c == 'å';
    }

    private static char fold(char c) {
        return switch (c) {
            case 'æ', 'å' -> 'a';
            case 'ø' -> 'o';
            default -> c;
        };
    }
}
