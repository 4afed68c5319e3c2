package no.mappe.testing;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** A signature as a browser's signature pad sends it: a PNG data URI in a JSON body. */
public final class DrawnSignatures {

    private DrawnSignatures() {
    }

    public static String body(String signer) {
        return "{\"signer\": \"" + signer + "\", \"image\": \"" + dataUri() + "\"}";
    }

    /** The drawn signature alone, as a PNG data URI. */
    public static String dataUri() {
        BufferedImage image = new BufferedImage(400, 120, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(20, 30, 120));
        g.setStroke(new BasicStroke(4));
        g.draw(new QuadCurve2D.Double(10, 90, 200, 0, 390, 80));
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
