package no.mappe.search;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.lucene.analysis.hunspell.Hunspell;

/**
 * The dictionary forms of words ({@link Hunspell#getRoots}), remembered: a text repeats its words, and
 * looking a word up costs microseconds while indexing meets hundreds of words per document. The memory
 * is bounded and forgets everything at once when full; it holds words, never which document had them.
 */
final class WordForms {

    /** Distinct words remembered per dictionary, about 10 MB of heap at most. */
    private static final int REMEMBERED = 100_000;

    private final Hunspell dictionary;
    private final Remembered<List<String>> forms = new Remembered<>(REMEMBERED);

    WordForms(Hunspell dictionary) {
        this.dictionary = dictionary;
    }

    /** The forms a lower-case word is inflected from (itself included when it is one); empty for a word the dictionary does not know. */
    List<String> of(String word) {
        return forms.get(word, dictionary::getRoots);
    }

    boolean knows(String word) {
        return !of(word).isEmpty();
    }

    /** A bounded memory of a function's results, safe to share between threads. */
    static final class Remembered<V> {
        private final int capacity;
        private final Map<String, V> values = new ConcurrentHashMap<>();

        Remembered(int capacity) {
            this.capacity = capacity;
        }

        V get(String key, Function<String, V> compute) {
            V value = values.get(key);
            if (value == null) {
                value = compute.apply(key);
                if (values.size() >= capacity) {
                    values.clear();
                }
                values.put(key, value);
            }
            return value;
        }
    }
}
