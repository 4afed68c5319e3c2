package no.mappe.security;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * An organisation's logo: a PNG of modest size, checked by decoding it and stored re-encoded, so
 * that only pixels reach the documents (no metadata, no odd chunks).
 */
final class LogoImage {

    static final String DATA_URI_PREFIX = "data:image/png;base64,";
    private static final int MAX_BYTES = 300 * 1024;
    private static final int MAX_SIDE = 2000;

    private LogoImage() {
    }

    /** What is wrong with the logo, or null when it is fine. */
    static String problem(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return "must be a PNG image in base64";
        }
        if (bytes.length > MAX_BYTES) {
            return "must be at most " + MAX_BYTES / 1024 + " KB";
        }
        if (bytes.length < 8 || bytes[0] != (byte) 0x89 || bytes[1] != 'P' || bytes[2] != 'N' || bytes[3] != 'G') {
            return "must be a PNG image";
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                return "is not a readable PNG image";
            }
            if (image.getWidth() > MAX_SIDE || image.getHeight() > MAX_SIDE) {
                return "must be at most " + MAX_SIDE + " pixels on each side";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "is not a readable PNG image";
        }
    }

    static String normalise(String base64) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
