package no.mappe.untrusted;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.mappe.errors.InvalidFields;

/**
 * Turns an uploaded PDF or image (a scanned signed copy, a photographed letter) into PNG page
 * images of a bounded size, in a child JVM ({@link RasterisePages}) with 384 MB of heap and a time
 * limit. A hostile file (a tiny file claiming giant pages, thousands of pages, a huge image inside a
 * PDF) is refused with a 422 that says what to do, and can only ever exhaust the child.
 */
public final class PageImages {

    /** What the upload is. */
    public enum Kind { PDF, IMAGE }

    private static final Duration TIME_LIMIT = Duration.ofSeconds(60);
    /** About 2.5 MB of PNG per page at most; more is noise, not a scan, and would swell the sealed PDF. */
    private static final int MAX_OUTPUT_BYTES = 75 * 1024 * 1024;

    private final ChildProcesses children;

    public PageImages(ChildProcesses children) {
        this.children = children;
    }

    /** PNG pages of at most {@code maxSide} pixels on the long side; throws 422 {@link InvalidFields} on {@code file}. */
    public List<byte[]> render(byte[] file, Kind kind, int maxSide) {
        ChildProcesses.Finished finished;
        try {
            finished = children.run(ChildProcesses.java(RasterisePages.class, 384, kind == Kind.PDF ? "pdf" : "image",
                    Integer.toString(maxSide)), Map.of(), file, TIME_LIMIT, MAX_OUTPUT_BYTES);
        } catch (IOException e) {
            throw invalid("could not be read; scan it again or upload a PDF");
        }
        if (finished.timedOut()) {
            throw invalid("took more than " + TIME_LIMIT.toSeconds() + " seconds to read; scan it again with fewer pages or at 300 dpi");
        }
        if (finished.tooMuchOutput()) {
            throw invalid("is too large as page images; scan it again in greyscale at 300 dpi or less");
        }
        return switch (finished.exitCode()) {
            case 0 -> pages(finished.output());
            case RasterisePages.PAGE_COUNT -> throw invalid("must have between 1 and " + RasterisePages.MAX_PAGES + " pages");
            case RasterisePages.PAGE_TOO_LARGE -> throw invalid("has a page larger than A2 or "
                    + RasterisePages.MAX_PAGE_PIXELS / 1_000_000 + " megapixels; scan it again at 300 dpi");
            case RasterisePages.TOTAL_TOO_LARGE -> throw invalid("has more than " + RasterisePages.MAX_TOTAL_PIXELS / 1_000_000
                    + " megapixels in all; scan it again at 300 dpi or less");
            case ChildProcesses.OUT_OF_MEMORY -> throw invalid("holds an image too large to read; scan it again at 300 dpi or upload"
                    + " a PDF made by a scanner");
            default -> throw invalid("could not be read as a PDF, JPEG, PNG or TIFF file; scan it again or upload a PDF");
        };
    }

    private static List<byte[]> pages(byte[] output) {
        List<byte[]> pages = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(output))) {
            while (in.available() > 0) {
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new IOException("A page image is cut short");
                }
                pages.add(in.readNBytes(length));
            }
        } catch (IOException e) {
            throw invalid("could not be read; scan it again or upload a PDF");
        }
        return pages;
    }

    private static InvalidFields invalid(String message) {
        return InvalidFields.of("file", message);
    }
}
