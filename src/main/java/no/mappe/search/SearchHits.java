package no.mappe.search;

import java.util.List;
import java.util.Map;

/**
 * Matching document ids, best first, with the exact total and facet counts over every match the
 * caller may see (never over what they may not).
 */
public record SearchHits(long total, List<String> ids, Map<String, Map<String, Long>> facets) {
}
