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
 * Replaces a word the dictionary knows by the forms it is inflected from, at the same position:
 * "lageret" becomes "lager", "lagrene" both "lagre" and "lager". In a query, a word that is itself a
 * dictionary form stays as it is ("lager" is not also "lage" and "lag"); in the index it also gets
 * the other forms that begin as it does, so that "montering" (from "montere") finds "monteringen",
 * which the dictionary also lists as a form of its own. A word the dictionary does not know (a name, a rare compound) passes unchanged.
 * The rule-based stemmer after this filter then brings together what the dictionary keeps apart.
 */
final class DictionaryStemFilter extends TokenFilter {

    /** Letters a word's other dictionary form must share with its start to be indexed beside it ("monter|ingen", "monter|e"). */
    private static final int SHARED_START = 5;
    private final WordForms dictionary;
    private final boolean everyForm;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private final Deque<String> more = new ArrayDeque<>();
    private State word;

    DictionaryStemFilter(TokenStream input, WordForms dictionary, boolean everyForm) {
        super(input);
        this.dictionary = dictionary;
        this.everyForm = everyForm;
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
        List<String> forms = dictionary.of(typed);
        if (forms.isEmpty()) {
            return true;
        }
        if (forms.contains(typed)) {
            forms = everyForm ? forms.stream().filter(form -> !form.equals(typed) && sharedStart(form, typed) >= SHARED_START).toList()
                    : List.of();
            if (forms.isEmpty()) {
                return true;
            }
            more.addAll(forms);
            word = captureState();
            return true;
        }
        term.setEmpty().append(forms.get(0));
        if (forms.size() > 1) {
            more.addAll(forms.subList(1, forms.size()));
            word = captureState();
        }
        return true;
    }

    private static int sharedStart(String a, String b) {
        int shared = 0;
        while (shared < a.length() && shared < b.length() && a.charAt(shared) == b.charAt(shared)) {
            shared++;
        }
        return shared;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        more.clear();
        word = null;
    }
}
