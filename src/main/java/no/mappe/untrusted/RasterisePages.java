package no.mappe.untrusted;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import no.mappe.files.ImagesInMemory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * The rasteriser child process ({@link PageImages} starts it): reads a PDF or an image (JPEG, PNG,
 * TIFF, possibly many pages) from standard input and writes each page as a PNG of at most
 * {@code maxSide} pixels on its long side to standard output, each preceded by its length. Page
 * count, page sizes and image dimensions are read from the file's headers and checked before
 * anything is decoded; then pages are rendered (PDF) or subsampled while decoding (images) straight
 * to about the target size, one at a time. What a header cannot tell (a huge image inside a PDF
 * page) is bounded by this JVM's small heap and its parent's time limit.
 * Usage: {@code RasterisePages pdf|image maxSide}.
 */
public final class RasterisePages {

    public static final int MAX_PAGES = 30;
    /** About 60 cm: A2 and everything smaller. */
    public static final int MAX_PAGE_POINTS = 1700;
    /** A4 at 600 dpi is 35 megapixels. */
    public static final long MAX_PAGE_PIXELS = 40_000_000L;
    /** 30 pages of A4 at 300 dpi. */
    public static final long MAX_TOTAL_PIXELS = 300_000_000L;
    public static final int UNREADABLE = 20;
    public static final int PAGE_COUNT = 21;
    public static final int PAGE_TOO_LARGE = 22;
    public static final int TOTAL_TOO_LARGE = 23;
    private static final float PDF_DPI = 120;
    private static final Set<String> IMAGE_FORMATS = Set.of("jpeg", "png", "tif", "tiff");

    private RasterisePages() {
    }

    /** A reason to stop, carried to the exit code. */
    private static final class Refused extends Exception {
        private final int exitCode;

        Refused(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }
    }

    public static void main(String[] args) throws IOException {
        ImagesInMemory.apply(); // a scanned page is personal data: never through a temporary file
        DataOutputStream out = new DataOutputStream(ChildOutput.claim());
        byte[] input;
        try (InputStream in = System.in) {
            input = in.readAllBytes();
        }
        int maxSide = Integer.parseInt(args[1]);
        try {
            if ("pdf".equals(args[0])) {
                pdf(input, maxSide, out);
            } else {
                image(input, maxSide, out);
            }
        } catch (Refused refused) {
            System.exit(refused.exitCode);
        } catch (IOException | RuntimeException unreadable) {
            System.exit(UNREADABLE);
        }
        out.flush();
        System.exit(0);
    }

    private static void pdf(byte[] input, int maxSide, DataOutputStream out) throws IOException, Refused {
        try (PDDocument document = Loader.loadPDF(input)) {
            int count = document.getNumberOfPages();
            if (count < 1 || count > MAX_PAGES) {
                throw new Refused(PAGE_COUNT);
            }
            List<Float> longSides = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                PDRectangle media = page.getMediaBox();
                PDRectangle crop = page.getCropBox();
                float longSide = Math.max(Math.max(media.getWidth(), media.getHeight()), Math.max(crop.getWidth(), crop.getHeight()));
                if (Math.min(crop.getWidth(), crop.getHeight()) <= 0 || longSide > MAX_PAGE_POINTS) {
                    throw new Refused(PAGE_TOO_LARGE);
                }
                longSides.add(longSide);
            }
            PDFRenderer renderer = new PDFRenderer(document);
            renderer.setSubsamplingAllowed(true); // images inside a page are decoded at the page's resolution, not their own
            for (int i = 0; i < count; i++) {
                float scale = Math.min(PDF_DPI / 72f, maxSide / longSides.get(i));
                write(fit(renderer.renderImage(i, scale, ImageType.RGB), maxSide), out);
            }
        }
    }

    private static void image(byte[] input, int maxSide, DataOutputStream out) throws IOException, Refused {
        try (ImageInputStream stream = ImageIO.createImageInputStream(new ByteArrayInputStream(input))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new Refused(UNREADABLE);
            }
            ImageReader reader = readers.next();
            if (!IMAGE_FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                throw new Refused(UNREADABLE);
            }
            try {
                reader.setInput(stream, false, true);
                List<int[]> sizes = sizes(reader);
                for (int i = 0; i < sizes.size(); i++) {
                    int longSide = Math.max(sizes.get(i)[0], sizes.get(i)[1]);
                    ImageReadParam param = reader.getDefaultReadParam();
                    int step = Math.max(1, longSide / maxSide);
                    param.setSourceSubsampling(step, step, 0, 0);
                    write(fit(reader.read(i, param), maxSide), out);
                }
            } finally {
                reader.dispose();
            }
        }
    }

    /** Width and height of every page, from the headers alone; refuses too many pages or pixels before any is decoded. */
    private static List<int[]> sizes(ImageReader reader) throws IOException, Refused {
        List<int[]> sizes = new ArrayList<>();
        long total = 0;
        for (int i = 0; i <= MAX_PAGES; i++) {
            int width;
            int height;
            try {
                width = reader.getWidth(i);
                height = reader.getHeight(i);
            } catch (IndexOutOfBoundsException end) {
                break;
            }
            if (i == MAX_PAGES) {
                throw new Refused(PAGE_COUNT);
            }
            long pixels = (long) width * height;
            if (width < 1 || height < 1 || pixels > MAX_PAGE_PIXELS) {
                throw new Refused(PAGE_TOO_LARGE);
            }
            total += pixels;
            if (total > MAX_TOTAL_PIXELS) {
                throw new Refused(TOTAL_TOO_LARGE);
            }
            sizes.add(new int[] {width, height});
        }
        if (sizes.isEmpty()) {
            throw new Refused(PAGE_COUNT);
        }
        return sizes;
    }

    /** At most {@code maxSide} pixels on the long side, flattened onto white as RGB. */
    private static BufferedImage fit(BufferedImage page, int maxSide) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(page.getWidth(), page.getHeight()));
        int width = Math.max(1, (int) Math.round(page.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(page.getHeight() * scale));
        if (scale == 1.0 && page.getType() == BufferedImage.TYPE_INT_RGB) {
            return page;
        }
        BufferedImage fitted = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = fitted.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, width, height);
        graphics.drawImage(page, 0, 0, width, height, null);
        graphics.dispose();
        return fitted;
    }

    private static void write(BufferedImage page, DataOutputStream out) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(page, "png", png);
        out.writeInt(png.size());
        png.writeTo(out);
    }
}
