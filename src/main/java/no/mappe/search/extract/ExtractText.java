package no.mappe.search.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.SecureContentHandler;
import org.xml.sax.SAXException;

/**
 * The extraction child process: reads one file from standard input, writes its text to standard
 * output. It runs in its own JVM with a small heap and is killed by its parent after a time
 * limit, so a hostile file can only ever take this process down. Exit codes: 0 text written,
 * 3 refused as a decompression bomb or too deeply nested, 4 too large, 5 unreadable.
 */
public final class ExtractText {

    public static final int MAX_INPUT_BYTES = 50 * 1024 * 1024;
    public static final int MAX_TEXT_CHARS = 2_000_000;

    private ExtractText() {
    }

    /** Whether the secure handler's limits (compression ratio, depth) stopped the parse, however deep it was wrapped. */
    private static boolean isBomb(SecureContentHandler secure, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SAXException sax) {
                try {
                    secure.throwIfCauseOf(sax);
                } catch (TikaException limit) {
                    return true;
                }
            }
            if (cause.getMessage() != null && cause.getMessage().contains("Suspected zip bomb")) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        byte[] input;
        try (InputStream in = System.in) {
            input = in.readNBytes(MAX_INPUT_BYTES + 1);
        }
        if (input.length > MAX_INPUT_BYTES) {
            System.exit(4);
        }
        AutoDetectParser parser = new AutoDetectParser();
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        BodyContentHandler text = new BodyContentHandler(MAX_TEXT_CHARS);
        try (TikaInputStream stream = TikaInputStream.get(input)) {
            SecureContentHandler secure = new SecureContentHandler(text, stream);
            secure.setMaximumCompressionRatio(100);
            secure.setMaximumDepth(64);
            secure.setMaximumPackageEntryDepth(5);
            try {
                parser.parse(stream, secure, new Metadata(), context);
            } catch (SAXException | TikaException e) {
                if (WriteLimitReachedException.isWriteLimitReached(e)) {
                    // enough text for the index; keep what was extracted
                } else if (isBomb(secure, e)) {
                    System.err.println("refused: decompression bomb or nesting too deep");
                    System.exit(3);
                } else {
                    System.err.println("unreadable: " + e.getClass().getSimpleName());
                    System.exit(5);
                }
            }
        }
        out.print(text);
        out.flush();
        System.exit(0);
    }
}
