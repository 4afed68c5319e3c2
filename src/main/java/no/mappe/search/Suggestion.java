package no.mappe.search;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a corrected search was taken to mean, in words a reader knows: each widened word replaced by
 * the word within its edits that occurs most often in the texts of the hits the caller may read.
 * Words come from the documents' own text, not from the index, whose terms are stems ("snekkerverksted")
 * and could belong to documents the caller may not see. When some word has no such neighbour in
 * those texts (it matched a name, or an inflection further away), there is no suggestion and the page
 * says only that similar words were searched.
 */
final class Suggestion {

    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    private Suggestion() {
    }

    static Optional<String> of(String query, Map<String, Integer> widened, List<String> texts) {
        if (widened.isEmpty()) {
            return Optional.empty();
        }
        String suggestion = Normalizer.normalize(query, Normalizer.Form.NFC);
        for (Map.Entry<String, Integer> word : widened.entrySet()) {
            Optional<String> nearest = nearest(word.getKey(), word.getValue(), texts);
            if (nearest.isEmpty()) {
                return Optional.empty();
            }
            Pattern typed = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word.getKey()) + "(?![\\p{L}\\p{N}])");
            suggestion = typed.matcher(suggestion).replaceAll(Matcher.quoteReplacement(nearest.get()));
        }
        return Optional.of(suggestion);
    }

    /** The most frequent word of the texts within {@code edits} of {@code typed} (case aside); the closer one on a tie. */
    private static Optional<String> nearest(String typed, int edits, List<String> texts) {
        String lower = typed.toLowerCase(Locale.ROOT);
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Integer> distances = new HashMap<>();
        for (String text : texts) {
            Matcher words = WORD.matcher(Normalizer.normalize(text, Normalizer.Form.NFC));
            while (words.find()) {
                String candidate = words.group().toLowerCase(Locale.ROOT);
                if (candidate.equals(lower) || Math.abs(candidate.length() - lower.length()) > edits) {
                    continue; // the word as typed is in a hit when it found a few documents; it is not a suggestion
                }
                int distance = distances.computeIfAbsent(candidate, c -> distance(c, lower));
                if (distance <= edits) {
                    counts.merge(candidate, 1, Integer::sum);
                }
            }
        }
        return counts.keySet().stream()
                .min((a, b) -> counts.get(a).equals(counts.get(b))
                        ? Integer.compare(distances.get(a), distances.get(b)) : Integer.compare(counts.get(b), counts.get(a)))
                .map(word -> Character.isUpperCase(typed.codePointAt(0)) ? capitalised(word) : word);
    }

    private static String capitalised(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    /** Edits between two words, a swap of neighbours counting as one (as Lucene's fuzzy matching counts them). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
