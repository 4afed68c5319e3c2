package no.mappe.signing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** A signature drawn on a screen, sent as a PNG (optionally as a data URI): checked, then re-encoded to plain pixels. */
final class SignatureImage {

    private static final int MAX_BYTES = 512 * 1024;
    private static final int MAX_WIDTH = 2400;
    private static final int MAX_HEIGHT = 1200;

    private SignatureImage() {
    }

    static String problem(String image) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(strip(image));
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
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
            if (decoded == null) {
                return "is not a readable PNG image";
            }
            if (decoded.getWidth() > MAX_WIDTH || decoded.getHeight() > MAX_HEIGHT) {
                return "must be at most " + MAX_WIDTH + " x " + MAX_HEIGHT + " pixels";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "is not a readable PNG image";
        }
    }

    /** Flattened onto white (PDF/A-friendly, no transparency) and written again as a plain PNG. */
    static String normalise(String image) {
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(strip(image))));
            BufferedImage flat = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
            var graphics = flat.createGraphics();
            graphics.setColor(java.awt.Color.WHITE);
            graphics.fillRect(0, 0, flat.getWidth(), flat.getHeight());
            graphics.drawImage(decoded, 0, 0, null);
            graphics.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(flat, "png", out);
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
