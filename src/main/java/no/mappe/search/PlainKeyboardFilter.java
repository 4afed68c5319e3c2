package no.mappe.search;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Adds, after a term with æ, ø or å, the same term typed on a keyboard without them (æ and å as a,
 * ø as o) at the same position, marked with {@link #MARK} so that it never meets a word spelt that way:
 * "maler" must not find "mål". A query word that finds nothing as typed is also searched in its marked
 * plain form ("oppmote" finds "oppmøtet"). Runs after normalisation, so ä, ö and aa have already become
 * æ, ø and å; a query typed with "ae" or "oe" meets the original through that normalisation instead.
 */
final class PlainKeyboardFilter extends TokenFilter {

    /** Never part of a term the tokenizer makes, so a marked term is only ever found on purpose. */
    static final char MARK = '~';

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private State original;
    private char[] plain;
    private int plainLength;

    PlainKeyboardFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (plain != null) {
            restoreState(original);
            term.copyBuffer(plain, 0, plainLength);
            position.setPositionIncrement(0);
            plain = null;
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        char[] buffer = term.buffer();
        int length = term.length();
        for (int i = 0; i < length; i++) {
            if (isScandinavian(buffer[i])) {
                plain = new char[length + 1];
                plain[0] = MARK;
                for (int j = 0; j < length; j++) {
                    plain[j + 1] = fold(buffer[j]);
                }
                plainLength = length + 1;
                original = captureState();
                break;
            }
        }
        return true;
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

    @Override
    public void reset() throws IOException {
        super.reset();
        plain = null;
        original = null;
    }
}
