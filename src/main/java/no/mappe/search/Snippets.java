package no.mappe.search;

import java.io.IOException;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleFragmenter;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;

/**
 * A short extract of a hit's text with the words that matched marked ({@code <mark>}), HTML-escaped.
 * No index keeps text, the cluster no more than the local one: the caller hands in the decrypted text
 * of a hit, and it is analysed here the way it was indexed, so every engine gives the same snippets.
 */
public final class Snippets {

    private static final int SNIPPET_CHARS = 160;
    private static final Analyzer QUERIES = ScandinavianAnalyzers.forQueries();
    private static final Analyzer INDEXING = ScandinavianAnalyzers.forIndexing();

    private Snippets() {
    }

    /**
     * The snippet of a text that may open with its organisation's letterhead: matched words in the body
     * are preferred to the same words in the letterhead, and without a match the snippet starts at the
     * body's first paragraph rather than at the letterhead. Words found with near spellings
     * ({@link SearchHits#widened()}) are marked too.
     */
    public static String of(String text, String query, String language, Map<String, Integer> widened, Letterhead letterhead) {
        Letterhead.Body body = letterhead.body(text);
        if (query != null && !query.isBlank()) {
            String field = ScandinavianAnalyzers.textField(language);
            try {
                Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(),
                        new QueryScorer(UserQuery.parse(QUERIES, query, widened, word -> false), field));
                highlighter.setTextFragmenter(new SimpleFragmenter(SNIPPET_CHARS));
                String best = highlight(highlighter, field, text.substring(body.start()));
                if (best.isBlank() && body.start() > 0) {
                    best = highlight(highlighter, field, text.substring(0, body.start())); // the words are in the letterhead only
                }
                if (!best.isBlank()) {
                    return best.strip();
                }
            } catch (IOException | InvalidTokenOffsetsException e) {
                // fall through to the opening of the body
            }
        }
        String rest = text.substring(body.opening());
        String opening = rest.length() > SNIPPET_CHARS ? rest.substring(0, SNIPPET_CHARS) + " …" : rest;
        return SimpleHTMLEncoder.htmlEncode(opening.replace('\n', ' ').strip());
    }

    private static String highlight(Highlighter highlighter, String field, String text) throws IOException, InvalidTokenOffsetsException {
        return highlighter.getBestFragments(INDEXING.tokenStream(field, text), text, 2, " … ");
    }
}
