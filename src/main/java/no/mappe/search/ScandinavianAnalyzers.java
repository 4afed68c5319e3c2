package no.mappe.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.ScandinavianFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.ScandinavianNormalizationFilter;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.no.NorwegianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.ext.DanishStemmer;

/**
 * The analysis chains of the index (README, "How words are analysed"). Text is lower-cased, stop
 * words go, a word the Hunspell dictionary knows becomes its dictionary forms ({@link
 * DictionaryStemFilter}), Scandinavian spellings are made interchangeable (æ/ä, ø/ö/oe, å/aa) and the
 * light stemmer joins the rest. Names are never stemmed and are folded further (å, æ, ø to a and o),
 * so a name typed without the Scandinavian letters still matches.
 *
 * <p>Indexing adds to each word, at the same position, the parts of a compound ({@link
 * CompoundSplitter}) and the word as typed on a plain keyboard, marked ({@link PlainKeyboardFilter}).
 * A query is analysed without them, so "lager" finds "lagerstyring" but "lagerstyring" does not find
 * every "styring", and a marked plain form is only searched on purpose (see {@link UserQuery}).
 */
final class ScandinavianAnalyzers {

    static final String TEXT_NB = "text_nb";
    static final String TEXT_DA = "text_da";
    static final String NAMES = "names";

    private ScandinavianAnalyzers() {
    }

    /** The analyzer documents are indexed with: text with compound parts and plain-keyboard forms. */
    static Analyzer forIndexing() {
        return perField(true);
    }

    /** The analyzer queries (and their near spellings and prefixes) are analysed with. */
    static Analyzer forQueries() {
        return perField(false);
    }

    private static Analyzer perField(boolean indexing) {
        Analyzer names = new Chain(null, Language.NAMES, false);
        return new PerFieldAnalyzerWrapper(names, Map.of(
                TEXT_NB, new Chain(NorwegianAnalyzer.getDefaultStopSet(), Language.NORWEGIAN, indexing),
                TEXT_DA, new Chain(DanishAnalyzer.getDefaultStopSet(), Language.DANISH, indexing)));
    }

    static String textField(String language) {
        return "da".equals(language) ? TEXT_DA : TEXT_NB;
    }

    /** The compound splitter of a text field's language, for lower-case words as spelt. */
    static CompoundSplitter splitter(String field) {
        return TEXT_DA.equals(field) ? Splitters.DANISH : Splitters.NORWEGIAN;
    }

    /** NAMES folds harder than text: "Ase Orjasaeter" typed on a plain keyboard finds "Åse Ørjasæter". */
    private enum Language {
        NORWEGIAN, DANISH, NAMES;

        WordForms dictionary() {
            return this == DANISH ? Dictionaries.danish() : Dictionaries.norwegian();
        }

        /** The rule-based stemmer, after the dictionary's forms (measured best on the search-quality harness). */
        TokenStream stem(TokenStream in) {
            return this == DANISH ? new SnowballFilter(in, new DanishStemmer()) : new NorwegianLightStemFilter(in);
        }
    }

    /** Loaded once, on first use: each list is a few thousand words. */
    private static final class Splitters {
        /** Measured on the search-quality harness; the Danish dictionary has a third of the Norwegian one's entries. */
        static final CompoundSplitter NORWEGIAN = load("/search/compound-parts-nb.txt", Language.NORWEGIAN, 10);
        static final CompoundSplitter DANISH = load("/search/compound-parts-da.txt", Language.DANISH, 3);

        private static CompoundSplitter load(String resource, Language language, int productive) {
            Analyzer stemmer = new Analyzer() {
                @Override
                protected TokenStreamComponents createComponents(String fieldName) {
                    Tokenizer source = new KeywordTokenizer();
                    return new TokenStreamComponents(source, language.stem(source));
                }
            };
            return CompoundSplitter.load(resource, language.dictionary(), word -> {
                List<String> stems = terms(stemmer, "", word);
                return stems.isEmpty() ? word : stems.get(0);
            }, productive);
        }
    }

    /** The terms an analyzer makes of a text for a field, in order. */
    static List<String> terms(Analyzer analyzer, String field, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static final class Chain extends Analyzer {
        private final CharArraySet stopWords;
        private final Language language;
        private final boolean indexing;

        Chain(CharArraySet stopWords, Language language, boolean indexing) {
            this.stopWords = stopWords;
            this.language = language;
            this.indexing = indexing;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(source);
            if (stopWords != null) {
                stream = new StopFilter(stream, stopWords);
            }
            if (language == Language.NAMES) {
                return new TokenStreamComponents(source, new ScandinavianFoldingFilter(stream));
            }
            if (indexing) {
                stream = new CompoundPartsFilter(stream, language == Language.DANISH ? Splitters.DANISH : Splitters.NORWEGIAN);
            }
            // The dictionary reads words as spelt; normalising first would make "beboer" a "bebør" it does not know.
            stream = new ScandinavianNormalizationFilter(new DictionaryStemFilter(stream, language.dictionary(), indexing));
            stream = language.stem(stream);
            return new TokenStreamComponents(source, indexing ? new PlainKeyboardFilter(stream) : stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            TokenStream lower = new LowerCaseFilter(in);
            return language == Language.NAMES ? new ScandinavianFoldingFilter(lower) : new ScandinavianNormalizationFilter(lower);
        }
    }
}
