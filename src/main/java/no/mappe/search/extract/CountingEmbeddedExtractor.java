package no.mappe.search.extract;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Tika's way into every file inside a file (archive entries, gzip and 7z content, e-mail
 * attachments, objects embedded in documents): each one's bytes are counted against the
 * {@link ExpansionBudget} and its depth is limited. Parsers may swallow the refusal and go on, so
 * the budget remembers it and nothing more is opened once it is spent.
 */
final class CountingEmbeddedExtractor extends ParsingEmbeddedDocumentExtractor {

    private final ExpansionBudget budget;
    private int depth;

    CountingEmbeddedExtractor(ParseContext context, ExpansionBudget budget) {
        super(context);
        this.budget = budget;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        return budget.refusal() == null && super.shouldParseEmbedded(metadata);
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        if (budget.refusal() != null) {
            return;
        }
        budget.checkDepth(depth + 1);
        InputStream counted = budget.count(stream, null);
        if (stream instanceof TikaInputStream tika && tika.getOpenContainer() != null) {
            // an object already opened by its parser (e.g. OLE inside a .doc) is read from there, not re-detected
            TikaInputStream withContainer = TikaInputStream.get(counted);
            withContainer.setOpenContainer(tika.getOpenContainer());
            counted = withContainer;
        }
        depth++;
        try {
            super.parseEmbedded(counted, handler, metadata, outputHtml);
        } finally {
            depth--;
        }
    }
}
