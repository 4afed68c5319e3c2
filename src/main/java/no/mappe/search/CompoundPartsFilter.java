package no.mappe.search;

import java.util.List;
import org.apache.lucene.analysis.TokenStream;

/** Adds the parts of each compound after it, at the same position. */
final class CompoundPartsFilter extends SamePositionTermsFilter {

    private final CompoundSplitter splitter;

    CompoundPartsFilter(TokenStream input, CompoundSplitter splitter) {
        super(input);
        this.splitter = splitter;
    }

    @Override
    protected List<String> added() {
        return splitter.split(term.toString());
    }
}
