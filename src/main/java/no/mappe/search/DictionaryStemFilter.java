package no.mappe.search;

import java.util.List;
import org.apache.lucene.analysis.TokenStream;

/**
 * Replaces a word the dictionary knows by the forms it is inflected from, at the same position:
 * "lageret" becomes "lager", "lagrene" both "lagre" and "lager". In a query, a word that is itself a
 * dictionary form stays as it is ("lager" is not also "lage" and "lag"); in the index it also gets
 * the other forms that begin as it does, so that "montering" (from "montere") finds "monteringen",
 * which the dictionary also lists as a form of its own. A word the dictionary does not know (a name, a rare compound) passes unchanged.
 * The rule-based stemmer after this filter then brings together what the dictionary keeps apart.
 */
final class DictionaryStemFilter extends SamePositionTermsFilter {

    /** Letters a word's other dictionary form must share with its start to be indexed beside it ("monter|ingen", "monter|e"). */
    private static final int SHARED_START = 5;
    private final WordForms dictionary;
    private final boolean everyForm;

    DictionaryStemFilter(TokenStream input, WordForms dictionary, boolean everyForm) {
        super(input);
        this.dictionary = dictionary;
        this.everyForm = everyForm;
    }

    @Override
    protected List<String> added() {
        String typed = term.toString();
        List<String> forms = dictionary.of(typed);
        if (forms.isEmpty()) {
            return List.of();
        }
        if (forms.contains(typed)) {
            return everyForm ? forms.stream().filter(form -> !form.equals(typed) && sharedStart(form, typed) >= SHARED_START).toList()
                    : List.of();
        }
        term.setEmpty().append(forms.get(0));
        return forms.subList(1, forms.size());
    }

    private static int sharedStart(String a, String b) {
        int shared = 0;
        while (shared < a.length() && shared < b.length() && a.charAt(shared) == b.charAt(shared)) {
            shared++;
        }
        return shared;
    }
}
