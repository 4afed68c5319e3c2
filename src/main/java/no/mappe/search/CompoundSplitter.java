package no.mappe.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Splits a Norwegian or Danish compound into the words it is made of, so that "lager" finds
 * "lagerstyringen" and "nakkesmerter" finds "smerter i nakken". A compound is a head, optionally
 * followed by a linking s or e, then a tail in any inflected form; the whole word must be covered, and
 * a head may itself be a compound of two ("førstehjelps|kurs"). The longest tail wins, so
 * "malerverkstedet" is "maler" + "verkstedet", not "malerverk" + "stedet".
 *
 * <p>Which words may be parts comes from word lists built from the Hunspell dictionaries (bench/run
 * compound-words): each word with how many of the dictionary's compounds it begins and ends. A word
 * the dictionary knows as a whole ("kontroll", "lagerstyring") is split only into parts that begin or
 * end many compounds, or long dictionary words: otherwise fragments like "kont|roll" or "samt|aler"
 * would split ordinary words. A word the dictionary does not know ("monteringsavdelingen") may also split
 * into any longer words the dictionary knows. Words are compared in lower case, as spelt.
 */
final class CompoundSplitter {

    /**
     * The shortest compound split: a head and a tail of four letters each. Three-letter heads begin too
     * many ordinary words by chance ("rap|porter", "del|takeren", "bek|lager"); "sne|rydning" is the price.
     */
    private static final int SHORTEST_HEAD = 4;
    private static final int SHORTEST_TAIL = 4;
    private static final int SHORTEST_COMPOUND = SHORTEST_HEAD + SHORTEST_TAIL;
    /** Parts of an unknown word that the lists do not hold must be dictionary words of this many letters. */
    private static final int SHORTEST_UNLISTED = 5;
    /** Parts of a known word that the lists do not hold (or hold as unproductive) must have this many. */
    private static final int SHORTEST_UNLISTED_IN_KNOWN = 9;

    private final WordCounts heads;
    private final WordCounts tails;
    private final WordCounts tailStems;
    private final WordForms dictionary;
    private final UnaryOperator<String> stem;
    private final int productive;
    /** Splitting tries many heads and tails, each looked up; a text repeats its words. */
    private final WordForms.Remembered<List<String>> splits = new WordForms.Remembered<>(100_000);

    private CompoundSplitter(Map<String, Integer> heads, Map<String, Integer> tails, WordForms dictionary, UnaryOperator<String> stem,
            int productive) {
        this.productive = productive;
        this.heads = WordCounts.of(heads);
        this.tails = WordCounts.of(tails);
        Map<String, Integer> tailStems = new HashMap<>();
        tails.forEach((tail, count) -> tailStems.merge(stem.apply(tail), count, Math::max));
        this.tailStems = WordCounts.of(tailStems);
        this.dictionary = dictionary;
        this.stem = stem;
    }

    /**
     * The splitter for a language's word list (a resource of lines "word TAB begins TAB ends") and
     * dictionary, with tails also compared by their dictionary forms and by {@code stem}. A part of a word
     * the dictionary knows must begin or end at least {@code productive} of its compounds (the smaller
     * the dictionary, the lower the count).
     */
    static CompoundSplitter load(String resource, WordForms dictionary, UnaryOperator<String> stem, int productive) {
        Map<String, Integer> heads = new HashMap<>();
        Map<String, Integer> tails = new HashMap<>();
        try (InputStream in = CompoundSplitter.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The compound word list " + resource + " is missing from the build");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] fields = line.split("\t");
                if (line.startsWith("#") || fields.length != 3) {
                    continue;
                }
                int begins = Integer.parseInt(fields[1]);
                int ends = Integer.parseInt(fields[2]);
                if (begins > 0) {
                    heads.put(fields[0], begins);
                }
                if (ends > 0) {
                    tails.put(fields[0], ends);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CompoundSplitter(heads, tails, dictionary, stem, productive);
    }

    /**
     * The parts of a compound in order (heads, tail), or an empty list when the word is not one. A word
     * the dictionary knows is split by its dictionary form, so an inflection cannot make a compound of a
     * simple word ("rapporten" is not "rap|porten", as "rapport" is not "rap|port").
     */
    List<String> split(String word) {
        if (word.length() < SHORTEST_COMPOUND || !isWord(word)) {
            return List.of();
        }
        return splits.get(word, this::splitKnownOrNot);
    }

    private List<String> splitKnownOrNot(String word) {
        List<String> forms = dictionary.of(word);
        if (forms.isEmpty()) {
            return split(word, true, false);
        }
        for (String form : forms) {
            List<String> parts = split(form, true, true);
            if (!parts.isEmpty()) {
                return parts;
            }
        }
        return List.of();
    }

    private List<String> split(String word, boolean headMaySplit, boolean known) {
        int length = word.length();
        if (length < SHORTEST_COMPOUND) {
            return List.of();
        }
        for (int end = SHORTEST_HEAD; end <= length - SHORTEST_TAIL; end++) {
            String head = head(word, end, known);
            List<String> headParts = head != null ? List.of(head)
                    : headMaySplit && end >= SHORTEST_COMPOUND ? splitHead(word, end, known) : List.of();
            if (headParts.isEmpty()) {
                continue;
            }
            String tail = word.substring(end);
            if (linkedLater(tail, known)) {
                continue; // "førstehjelp|skurs" is "førstehjelps|kurs"
            }
            if (isTail(tail, known)) {
                List<String> parts = new ArrayList<>(headParts);
                parts.add(tail);
                return parts;
            }
        }
        return List.of();
    }

    /**
     * The head ending at {@code end}: the letters before it, or those without a linking s or e, or with
     * the e that a linking s replaces (Danish "arbejds" is "arbejde").
     */
    private String head(String word, int end, boolean known) {
        String head = word.substring(0, end);
        if (isHead(head, known)) {
            return head;
        }
        char last = word.charAt(end - 1);
        if ((last == 's' || last == 'e') && end - 1 >= SHORTEST_HEAD) {
            String unlinked = head.substring(0, end - 1);
            if (isHead(unlinked, known)) {
                return unlinked;
            }
            if (last == 's' && isHead(unlinked + "e", known)) {
                return unlinked + "e";
            }
        }
        return null;
    }

    /** A head that is itself a compound of two, with or without a linking letter after it. */
    private List<String> splitHead(String word, int end, boolean known) {
        List<String> parts = split(word.substring(0, end), false, known);
        char last = word.charAt(end - 1);
        if (parts.isEmpty() && (last == 's' || last == 'e')) {
            parts = split(word.substring(0, end - 1), false, known);
        }
        return parts;
    }

    /**
     * Whether a tail begins with a linking letter that belongs to the head: the rest is a more common tail
     * ("førstehjelp|skurs" is "førstehjelps|kurs", but "under|skrevet" stays).
     */
    private boolean linkedLater(String tail, boolean known) {
        char first = tail.charAt(0);
        if ((first != 's' && first != 'e') || tail.length() <= SHORTEST_TAIL) {
            return false;
        }
        String rest = tail.substring(1);
        return isTail(rest, known) && ends(rest) > ends(tail);
    }

    private boolean isHead(String candidate, boolean known) {
        int begins = heads.of(candidate);
        if (begins >= (known ? productive : 1)) {
            return true;
        }
        int shortest = known ? SHORTEST_UNLISTED_IN_KNOWN : SHORTEST_UNLISTED;
        return candidate.length() >= shortest && !dictionary.of(candidate).isEmpty();
    }

    /** A tail in any form (as spelt, by its stem or by a dictionary form), or a dictionary word long enough. */
    private boolean isTail(String candidate, boolean known) {
        if (ends(candidate) >= (known ? productive : 1)) {
            return true;
        }
        return candidate.length() >= (known ? SHORTEST_UNLISTED_IN_KNOWN : SHORTEST_UNLISTED) && !dictionary.of(candidate).isEmpty();
    }

    /** How many of the dictionary's compounds end in the word, compared as spelt, by its stem and by each dictionary form. */
    private int ends(String candidate) {
        int ends = Math.max(tails.of(candidate), tailStems.of(stem.apply(candidate)));
        for (String form : dictionary.of(candidate)) {
            ends = Math.max(ends, tails.of(form));
        }
        return ends;
    }

    private static boolean isWord(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isLetter(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
