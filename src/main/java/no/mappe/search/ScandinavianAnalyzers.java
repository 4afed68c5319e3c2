package no.mappe.search;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.ScandinavianFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.ScandinavianNormalizationFilter;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.no.NorwegianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.tartarus.snowball.ext.DanishStemmer;

/**
 * The analysis chains of the index. Text is lower-cased and Scandinavian spellings are made
 * interchangeable (æ/ä, ø/ö, å/aa) before stemming, so "Sørensen", "Sörensen" and "Soerensen"
 * style variants and Danish/Norwegian spellings meet; names are never stemmed, and are folded
 * further (å, æ, ø to a and o) so a name typed without the Scandinavian letters still matches.
 */
final class ScandinavianAnalyzers {

    static final String TEXT_NB = "text_nb";
    static final String TEXT_DA = "text_da";
    static final String NAMES = "names";

    private ScandinavianAnalyzers() {
    }

    /** One analyzer for indexing and querying: Norwegian and Danish text fields, and everything else as names. */
    static Analyzer perField() {
        Analyzer names = new Chain(null, Language.NAMES);
        return new PerFieldAnalyzerWrapper(names, Map.of(
                TEXT_NB, new Chain(NorwegianAnalyzer.getDefaultStopSet(), Language.NORWEGIAN),
                TEXT_DA, new Chain(DanishAnalyzer.getDefaultStopSet(), Language.DANISH)));
    }

    static String textField(String language) {
        return "da".equals(language) ? TEXT_DA : TEXT_NB;
    }

    /** NAMES folds harder than text: "Ase Orjasaeter" typed on a plain keyboard finds "Åse Ørjasæter". */
    private enum Language { NORWEGIAN, DANISH, NAMES }

    private static final class Chain extends Analyzer {
        private final CharArraySet stopWords;
        private final Language language;

        Chain(CharArraySet stopWords, Language language) {
            this.stopWords = stopWords;
            this.language = language;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(source);
            if (stopWords != null) {
                stream = new StopFilter(stream, stopWords);
            }
            stream = switch (language) {
                case NORWEGIAN -> new NorwegianLightStemFilter(new ScandinavianNormalizationFilter(stream));
                case DANISH -> new SnowballFilter(new ScandinavianNormalizationFilter(stream), new DanishStemmer());
                case NAMES -> new ScandinavianFoldingFilter(stream);
            };
            return new TokenStreamComponents(source, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            TokenStream lower = new LowerCaseFilter(in);
            return language == Language.NAMES ? new ScandinavianFoldingFilter(lower) : new ScandinavianNormalizationFilter(lower);
        }
    }
}
