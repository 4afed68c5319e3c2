package no.mappe.search;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A filter that may put more terms at a word's position: its dictionary forms, the parts of a compound,
 * its plain-keyboard spelling. They keep the word's offsets, so a highlight marks the whole word.
 */
abstract class SamePositionTermsFilter extends TokenFilter {

    protected final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private final Deque<String> more = new ArrayDeque<>();
    private State word;

    SamePositionTermsFilter(TokenStream input) {
        super(input);
    }

    /** Looks at the current {@link #term}, may change it, and gives the terms to add after it at its position (empty for none). */
    protected abstract List<String> added();

    @Override
    public final boolean incrementToken() throws IOException {
        if (!more.isEmpty()) {
            restoreState(word);
            term.setEmpty().append(more.pop());
            position.setPositionIncrement(0);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        List<String> added = added();
        if (!added.isEmpty()) {
            more.addAll(added);
            word = captureState();
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        more.clear();
        word = null;
    }
}
