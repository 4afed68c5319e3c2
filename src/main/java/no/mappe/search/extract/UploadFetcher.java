package no.mappe.search.extract;

import java.io.IOException;
import java.io.InputStream;
import no.mappe.files.ImagesInMemory;
import no.mappe.search.TextExtractor;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.pipes.fetcher.AbstractFetcher;

/**
 * Runs inside an extractor child (Tika's PipesServer, named in the child's tika-config) just before
 * Tika parses an upload, with the very ParseContext and Metadata the parse then uses. It hands Tika
 * the bytes that came with the tuple ({@link UploadBytes}) and applies Mappe's own limits there, in
 * the child: a ZIP is unpacked into nothing first ({@link ZipInspection}) and refused when it is a
 * bomb, every embedded file is counted and its depth limited ({@link CountingExtractorFactory}), and
 * OCR is off (Mappe runs Tesseract on page images of bounded size itself). A refusal, found before
 * or during the parse, is written to {@link #REFUSED_KEY} in the file's metadata, which goes back to the parent.
 */
public final class UploadFetcher extends AbstractFetcher {

    /** The name the tuples use for this fetcher. */
    public static final String NAME = "upload";
    /** The metadata key of a refusal found while parsing. */
    public static final String REFUSED_KEY = "X-Mappe-Refused";

    static {
        // POI opens office files by itself; its own limits are the second line behind the inspection.
        ZipSecureFile.setMaxEntrySize(ExpansionBudget.MAX_EXPANDED_BYTES);
        ZipSecureFile.setMinInflateRatio(1.0 / ExpansionBudget.MAX_RATIO);
        // Tika reads the images of an upload (a photographed letter, the pictures in a document) through ImageIO.
        ImagesInMemory.apply();
    }

    @Override
    public InputStream fetch(String key, Metadata metadata, ParseContext context) throws TikaException, IOException {
        UploadBytes upload = context.get(UploadBytes.class);
        if (upload == null || upload.bytes().length > TextExtractor.MAX_INPUT_BYTES) {
            throw new TikaException("no upload, or one over the size limit");
        }
        byte[] input = upload.bytes();
        context.set(UploadBytes.class, null); // the parse needs the stream, not a second reference to the bytes
        try {
            ZipInspection.check(input, new ExpansionBudget(input.length));
        } catch (ExpansionBudget.Refused refused) {
            // said in the metadata, with nothing to parse: a failed fetch would end the child (Tika exits after one)
            metadata.set(REFUSED_KEY, refused.getMessage());
            return TikaInputStream.get(new byte[0]);
        }
        ExpansionBudget whileParsing = new ExpansionBudget(input.length, reason -> metadata.set(REFUSED_KEY, reason));
        context.set(ExpansionBudget.class, whileParsing); // for CountingExtractorFactory
        TesseractOCRConfig noOcr = new TesseractOCRConfig();
        noOcr.setSkipOcr(true);
        context.set(TesseractOCRConfig.class, noOcr);
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractInlineImages(false);
        context.set(PDFParserConfig.class, pdf);
        return TikaInputStream.get(input);
    }
}
