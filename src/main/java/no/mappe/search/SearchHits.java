package no.mappe.search;

import java.util.List;
import java.util.Map;

/**
 * Matching document ids, best first, with the exact total and facet counts over every match the
 * caller may see (never over what they may not).
 *
 * @param widened the typed words that found nothing and were searched with their near spellings
 *                (word to the edits allowed); empty when the hits are for the words as typed
 */
public record SearchHits(long total, List<String> ids, Map<String, Map<String, Long>> facets, Map<String, Integer> widened) {

    public SearchHits(long total, List<String> ids, Map<String, Map<String, Long>> facets) {
        this(total, ids, facets, Map.of());
    }

    SearchHits widening(Map<String, Integer> words) {
        return new SearchHits(total, ids, facets, Map.copyOf(words));
    }
}
