package no.mappe.signing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import no.mappe.errors.BadRequest;
import no.mappe.errors.InvalidFields;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Turns an uploaded scan (PDF, JPEG, PNG or TIFF, possibly several pages) into page images for the
 * signed version. Sizes are checked before anything is decoded, so a hostile file (a tiny file that
 * claims to be a giant image, a PDF with thousands of pages) is refused instead of eating memory.
 */
final class ScanPages {

    static final int MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
    private static final int MAX_PAGES = 30;
    private static final long MAX_PIXELS = 40_000_000L;
    private static final int MAX_SIDE = 2000;

    List<String> toPngPages(byte[] upload, String contentType) {
        if (upload.length == 0) {
            throw new BadRequest("Send the scanned signed copy as the request body");
        }
        if (upload.length > MAX_UPLOAD_BYTES) {
            throw InvalidFields.of("file", "must be at most " + MAX_UPLOAD_BYTES / (1024 * 1024) + " MB");
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        try {
            List<BufferedImage> pages = switch (type) {
                case "application/pdf" -> pdfPages(upload);
                case "image/jpeg", "image/png", "image/tiff" -> imagePages(upload);
                default -> throw InvalidFields.of("file", "must be a PDF, JPEG, PNG or TIFF (Content-Type " + type + " is not)");
            };
            List<String> pngs = new ArrayList<>();
            for (BufferedImage page : pages) {
                pngs.add(png(fit(page)));
            }
            return pngs;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidFields invalid) {
                throw invalid;
            }
            throw InvalidFields.of("file", "could not be read as a " + type + " file; scan it again or upload a PDF");
        }
    }

    private static List<BufferedImage> pdfPages(byte[] upload) throws IOException {
        try (PDDocument document = Loader.loadPDF(upload)) {
            if (document.getNumberOfPages() > MAX_PAGES) {
                throw InvalidFields.of("file", "has more than " + MAX_PAGES + " pages");
            }
            PDFRenderer renderer = new PDFRenderer(document);
            List<BufferedImage> pages = new ArrayList<>();
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                float width = document.getPage(i).getMediaBox().getWidth();
                float height = document.getPage(i).getMediaBox().getHeight();
                if (width <= 0 || height <= 0 || width > 5000 || height > 5000) {
                    throw InvalidFields.of("file", "has a page of an impossible size");
                }
                pages.add(renderer.renderImageWithDPI(i, 120, ImageType.RGB));
            }
            return pages;
        }
    }

    private static List<BufferedImage> imagePages(byte[] upload) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw InvalidFields.of("file", "is not an image this service can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input);
                int count = reader.getNumImages(true);
                if (count < 1 || count > MAX_PAGES) {
                    throw InvalidFields.of("file", "must have between 1 and " + MAX_PAGES + " pages");
                }
                List<BufferedImage> pages = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    if ((long) reader.getWidth(i) * reader.getHeight(i) > MAX_PIXELS) {
                        throw InvalidFields.of("file", "has a page larger than " + MAX_PIXELS / 1_000_000 + " megapixels");
                    }
                    pages.add(reader.read(i));
                }
                return pages;
            } finally {
                reader.dispose();
            }
        }
    }

    /** At most 2000 pixels on the long side (about 170 dpi for A4), flattened to RGB. */
    private static BufferedImage fit(BufferedImage page) {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(page.getWidth(), page.getHeight()));
        int width = Math.max(1, (int) Math.round(page.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(page.getHeight() * scale));
        BufferedImage fitted = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = fitted.createGraphics();
        graphics.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.setColor(java.awt.Color.WHITE);
        graphics.fillRect(0, 0, width, height);
        graphics.drawImage(page, 0, 0, width, height, null);
        graphics.dispose();
        return fitted;
    }

    private static String png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
