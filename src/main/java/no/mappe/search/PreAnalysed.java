package no.mappe.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Text as Mappe's own analysis made it, written so that a search cluster takes in exactly those terms at
 * exactly those positions without analysing anything itself: the cluster cannot run our dictionaries,
 * compound splitting and plain-keyboard forms, so it is handed their result. Positions are separated by
 * spaces, terms at the same position (a word's forms, parts and plain spelling) by {@code |}, and a
 * position left empty (a stop word) is a lone {@code |}. The cluster's analyzer ({@link #ANALYZER}) splits on
 * spaces, splits each group on {@code |} at one position and drops the lone {@code |}, keeping the gap.
 * The standard tokenizer never makes a term with a space or a {@code |} in it.
 */
final class PreAnalysed {

    /** The name of the cluster's analyzer that reads this form (see {@link OpenSearchIndex}'s index settings). */
    static final String ANALYZER = "mappe_pre_analysed";
    static final String SAME_POSITION = "|";

    private PreAnalysed() {
    }

    /** The terms {@code analyzer} makes of {@code text} for {@code field}, in this form. */
    static String of(Analyzer analyzer, String field, String text) {
        StringBuilder out = new StringBuilder(text.length());
        try (TokenStream tokens = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = tokens.addAttribute(PositionIncrementAttribute.class);
            tokens.reset();
            int position = -1;
            while (tokens.incrementToken()) {
                if (position >= 0 && increment.getPositionIncrement() == 0) {
                    out.append(SAME_POSITION).append(term);
                    continue;
                }
                int next = position + Math.max(1, increment.getPositionIncrement());
                for (int skipped = position + 1; skipped < next; skipped++) {
                    separate(out).append(SAME_POSITION);
                }
                separate(out).append(term);
                position = next;
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Terms given position by position (each array the terms at one position; positions not given are gaps). */
    static String positions(int[] positions, String[][] terms) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < positions.length; i++) {
            for (int skipped = i == 0 ? positions[0] : positions[i - 1] + 1; skipped < positions[i]; skipped++) {
                separate(out).append(SAME_POSITION);
            }
            separate(out).append(String.join(SAME_POSITION, terms[i]));
        }
        return out.toString();
    }

    private static StringBuilder separate(StringBuilder out) {
        return out.isEmpty() ? out : out.append(' ');
    }
}
