package no.mappe.search.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import no.mappe.untrusted.ChildOutput;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.SecureContentHandler;
import org.xml.sax.SAXException;

/**
 * The extraction child process: reads one file from standard input, writes its text, and nothing
 * else, to standard output (see {@link ChildOutput}). It runs in its own JVM with a small heap and
 * is killed by its parent after a time limit, so a hostile file can only ever take this process
 * down. Decompression is limited by bytes actually unpacked ({@link ExpansionBudget}), checked
 * before the parsers run ({@link ZipInspection}) and while they run ({@link CountingEmbeddedExtractor}).
 * Exit codes: 0 text written, {@link #REFUSED} a decompression bomb or nested too deeply,
 * {@link #TOO_LARGE} too large, {@link #UNREADABLE} unreadable (3 is the JVM's for running out of heap).
 */
public final class ExtractText {

    public static final int MAX_INPUT_BYTES = 50 * 1024 * 1024;
    public static final int MAX_TEXT_CHARS = 2_000_000;
    public static final int REFUSED = 10;
    public static final int TOO_LARGE = 11;
    public static final int UNREADABLE = 12;

    private ExtractText() {
    }

    public static void main(String[] args) throws IOException {
        OutputStream out = ChildOutput.claim();
        byte[] input;
        try (InputStream in = System.in) {
            input = in.readNBytes(MAX_INPUT_BYTES + 1);
        }
        if (input.length > MAX_INPUT_BYTES) {
            System.exit(TOO_LARGE);
        }
        ExpansionBudget beforeParsing = new ExpansionBudget(input.length);
        try {
            ZipInspection.check(input, beforeParsing);
        } catch (ExpansionBudget.Refused refused) {
            System.err.println("refused: " + refused.getMessage());
            System.exit(REFUSED);
        }
        // POI opens office files by itself; its own limits are the second line behind the inspection.
        ZipSecureFile.setMaxEntrySize(ExpansionBudget.MAX_EXPANDED_BYTES);
        ZipSecureFile.setMinInflateRatio(1.0 / ExpansionBudget.MAX_RATIO);

        ExpansionBudget whileParsing = new ExpansionBudget(input.length);
        AutoDetectParser parser = new AutoDetectParser();
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        context.set(EmbeddedDocumentExtractor.class, new CountingEmbeddedExtractor(context, whileParsing));
        // OCR is Mappe's own, on page images of bounded size; Tika would run Tesseract on the raw upload.
        TesseractOCRConfig noOcr = new TesseractOCRConfig();
        noOcr.setSkipOcr(true);
        context.set(TesseractOCRConfig.class, noOcr);
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractInlineImages(false);
        context.set(PDFParserConfig.class, pdf);
        BodyContentHandler text = new BodyContentHandler(MAX_TEXT_CHARS);
        try (TikaInputStream stream = TikaInputStream.get(input)) {
            SecureContentHandler secure = new SecureContentHandler(text, stream);
            secure.setMaximumDepth(64);
            try {
                parser.parse(stream, secure, new Metadata(), context);
            } catch (SAXException | TikaException | IOException | RuntimeException e) {
                if (whileParsing.refusal() != null || isBomb(secure, e)) {
                    System.err.println("refused: " + (whileParsing.refusal() != null ? whileParsing.refusal() : e.getMessage()));
                    System.exit(REFUSED);
                }
                if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                    System.err.println("unreadable: " + e.getClass().getSimpleName());
                    System.exit(UNREADABLE);
                }
                // enough text for the index; keep what was extracted
            }
        }
        if (whileParsing.refusal() != null) {
            System.err.println("refused: " + whileParsing.refusal());
            System.exit(REFUSED);
        }
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        System.exit(0);
    }

    /** Whether a limit (the secure handler's nesting, POI's or Tika's zip bomb checks) stopped the parse, however deep it was wrapped. */
    private static boolean isBomb(SecureContentHandler secure, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ExpansionBudget.Refused) {
                return true;
            }
            if (cause instanceof SAXException sax) {
                try {
                    secure.throwIfCauseOf(sax);
                } catch (TikaException limit) {
                    return true;
                }
            }
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("zip bomb")) {
                return true;
            }
        }
        return false;
    }
}
