package no.mappe.templates;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A PNG sent by a user to be placed in documents (an organisation's logo, a drawn signature), in
 * base64 or as a data URI: its dimensions are read from the header and checked before it is decoded,
 * then it is stored re-encoded so that only pixels reach the documents (no metadata, no odd chunks).
 */
public final class PngImage {

    public static final String DATA_URI_PREFIX = "data:image/png;base64,";

    private final int maxBytes;
    private final int maxWidth;
    private final int maxHeight;

    public PngImage(int maxBytes, int maxWidth, int maxHeight) {
        this.maxBytes = maxBytes;
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
    }

    /** What is wrong with the image, or null when it is fine. */
    public String problem(String image) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(strip(image));
        } catch (IllegalArgumentException e) {
            return "must be a PNG image in base64";
        }
        if (bytes.length > maxBytes) {
            return "must be at most " + maxBytes / 1024 + " KB";
        }
        if (bytes.length < 8 || bytes[0] != (byte) 0x89 || bytes[1] != 'P' || bytes[2] != 'N' || bytes[3] != 'G') {
            return "must be a PNG image";
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
            try {
                reader.setInput(input, true, true);
                // The header says how large the image is; decoding a 22,000 x 22,000 one to find out would take gigabytes.
                if (reader.getWidth(0) > maxWidth || reader.getHeight(0) > maxHeight) {
                    return "must be at most " + maxWidth + " x " + maxHeight + " pixels";
                }
                reader.read(0);
                return null;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return "is not a readable PNG image";
        }
    }

    /** The image written again as a plain PNG, in base64; call after {@link #problem} found none. */
    public String normalise(String image) {
        return encode(decode(image));
    }

    /** As {@link #normalise}, flattened onto white (no transparency, which PDF/A-friendly signatures avoid). */
    public String flattenOnWhite(String image) {
        BufferedImage decoded = decode(image);
        BufferedImage flat = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
        var graphics = flat.createGraphics();
        graphics.setColor(java.awt.Color.WHITE);
        graphics.fillRect(0, 0, flat.getWidth(), flat.getHeight());
        graphics.drawImage(decoded, 0, 0, null);
        graphics.dispose();
        return encode(flat);
    }

    private static BufferedImage decode(String image) {
        try {
            return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(strip(image))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String strip(String image) {
        String trimmed = image.strip();
        int comma = trimmed.startsWith("data:") ? trimmed.indexOf(',') : -1;
        return comma >= 0 ? trimmed.substring(comma + 1) : trimmed;
    }
}
