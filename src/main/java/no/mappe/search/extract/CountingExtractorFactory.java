package no.mappe.search.extract;

import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.EmbeddedDocumentExtractorFactory;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;

/**
 * Named in the extractor child's tika-config, so Tika's AutoDetectParser wires it up itself (and
 * sets itself as the parser for embedded files first): each upload's embedded files are counted
 * against the budget {@link UploadFetcher} put into the ParseContext.
 */
public final class CountingExtractorFactory implements EmbeddedDocumentExtractorFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public EmbeddedDocumentExtractor newInstance(Metadata metadata, ParseContext context) {
        ExpansionBudget budget = context.get(ExpansionBudget.class);
        // without the fetcher's budget (never expected) the strictest one: nothing may unpack past the grace
        return new CountingEmbeddedExtractor(context, budget == null ? new ExpansionBudget(0) : budget);
    }
}
