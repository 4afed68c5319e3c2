package no.mappe.search;

import java.util.Map;

/**
 * A fixed set of words, each with a count, looked up by a word's letters. It holds the compound word
 * lists for the life of the process: packed into three arrays and a table of slots, it takes about a
 * fifth of the heap of a {@code HashMap<String, Integer>} of the same words (no object per word, per
 * letter array or per count).
 */
final class WordCounts {

    /** Every word's letters, one after the other. */
    private final char[] letters;
    /** Where word {@code i} begins in {@link #letters}; it ends where word {@code i + 1} begins. */
    private final int[] starts;
    private final int[] counts;
    /** Open addressing, at most half full: word index + 1 at the slot of its hash or after it; 0 is free. */
    private final int[] slots;

    private WordCounts(Map<String, Integer> counted) {
        int size = counted.size();
        int letterCount = counted.keySet().stream().mapToInt(String::length).sum();
        letters = new char[letterCount];
        starts = new int[size + 1];
        counts = new int[size];
        slots = new int[Integer.highestOneBit(Math.max(1, size) * 2) * 2];
        int word = 0;
        int at = 0;
        for (Map.Entry<String, Integer> entry : counted.entrySet()) {
            String spelt = entry.getKey();
            spelt.getChars(0, spelt.length(), letters, at);
            starts[word] = at;
            counts[word] = entry.getValue();
            at += spelt.length();
            int slot = slotOf(spelt.hashCode());
            while (slots[slot] != 0) {
                slot = (slot + 1) & (slots.length - 1);
            }
            slots[slot] = word + 1;
            word++;
        }
        starts[size] = at;
    }

    /** The words and their counts; each count must be above 0, as 0 is what {@link #of} gives for a word not held. */
    static WordCounts of(Map<String, Integer> counted) {
        counted.forEach((word, count) -> {
            if (count <= 0) {
                throw new IllegalArgumentException("A word's count must be above 0");
            }
        });
        return new WordCounts(counted);
    }

    /** The count of a word, 0 when it is not one of these. */
    int of(String word) {
        for (int slot = slotOf(word.hashCode()); slots[slot] != 0; slot = (slot + 1) & (slots.length - 1)) {
            int held = slots[slot] - 1;
            if (sameLetters(held, word)) {
                return counts[held];
            }
        }
        return 0;
    }

    int size() {
        return counts.length;
    }

    private boolean sameLetters(int held, String word) {
        int start = starts[held];
        if (starts[held + 1] - start != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (letters[start + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int slotOf(int hash) {
        return (hash ^ (hash >>> 16)) & (slots.length - 1);
    }
}
