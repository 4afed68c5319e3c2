package no.mappe.search;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.hunspell.Hunspell;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Replaces a word the dictionary knows by the forms it is inflected from, at the same position:
 * "lageret" becomes "lager", "lagrene" both "lagre" and "lager". A word that is itself a dictionary
 * form stays as it is ("lager" is not also "lage" and "lag"), and a word the dictionary does not know
 * (a name, a rare compound) passes unchanged. The rule-based stemmer after this filter then brings
 * together what the dictionary keeps apart (Danish "kolleger" and "kollega").
 */
final class DictionaryStemFilter extends TokenFilter {

    private final Hunspell dictionary;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private final Deque<String> more = new ArrayDeque<>();
    private State word;

    DictionaryStemFilter(TokenStream input, Hunspell dictionary) {
        super(input);
        this.dictionary = dictionary;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!more.isEmpty()) {
            restoreState(word);
            term.setEmpty().append(more.pop());
            position.setPositionIncrement(0);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        String typed = term.toString();
        List<String> forms = dictionary.getRoots(typed);
        if (forms.isEmpty() || forms.contains(typed)) {
            return true;
        }
        term.setEmpty().append(forms.get(0));
        if (forms.size() > 1) {
            more.addAll(forms.subList(1, forms.size()));
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
