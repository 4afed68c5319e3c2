package no.mappe.search;

import java.util.List;
import java.util.Map;

/**
 * Matching document ids, best first, with the exact total and facet counts over every match the
 * caller may see (never over what they may not).
 *
 * @param widened    the typed words that found few or no documents and were also searched with their near
 *                   spellings (word to the edits allowed); empty when the hits are for the words as typed
 * @param typedTotal how many documents the words as typed found (the total when nothing was widened)
 */
public record SearchHits(long total, List<String> ids, Map<String, Map<String, Long>> facets, Map<String, Integer> widened,
                         long typedTotal) {

    public SearchHits(long total, List<String> ids, Map<String, Map<String, Long>> facets) {
        this(total, ids, facets, Map.of(), total);
    }

    SearchHits widening(Map<String, Integer> words, long typed) {
        return new SearchHits(total, ids, facets, Map.copyOf(words), typed);
    }
}
