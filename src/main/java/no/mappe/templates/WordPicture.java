package no.mappe.templates;

import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.util.Units;
import org.w3c.dom.Element;

/** An image for the DOCX: only an embedded PNG (the allow-list admits no other), with its size on the page in EMU. */
record WordPicture(byte[] png, int widthEmu, int heightEmu) {

    private static final Pattern MILLIMETRES = Pattern.compile("(?:^|;|\\s)(height|max-width|width)\\s*:\\s*([0-9.]+)mm");

    /** An embedded PNG, sized as the CSS says (height, width, max-width in mm), else at 96 dpi; never wider than the text. */
    static WordPicture from(Element image, Set<String> classes) {
        String source = image.getAttribute("src");
        if (!source.startsWith(PngImage.DATA_URI_PREFIX)) {
            return null;
        }
        byte[] png;
        try {
            png = Base64.getDecoder().decode(source.substring(PngImage.DATA_URI_PREFIX.length()).strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (png.length < 24 || png[12] != 'I' || png[13] != 'H' || png[14] != 'D' || png[15] != 'R') {
            return null;
        }
        double pixelsWide = readInt(png, 16);
        double pixelsHigh = readInt(png, 20);
        if (pixelsWide <= 0 || pixelsHigh <= 0) {
            return null;
        }
        double heightMm = classes.contains("logo") ? 11 : 0;
        double widthMm = 0;
        double maxWidthMm = DocxRenderer.TEXT_WIDTH / WordStyles.TWIPS_PER_MM;
        Matcher size = MILLIMETRES.matcher(image.getAttribute("style").toLowerCase(Locale.ROOT));
        while (size.find()) {
            double value = Double.parseDouble(size.group(2));
            switch (size.group(1)) {
                case "height" -> heightMm = value;
                case "width" -> widthMm = value;
                default -> maxWidthMm = Math.min(maxWidthMm, value);
            }
        }
        if (heightMm <= 0 && widthMm <= 0) {
            widthMm = pixelsWide * 25.4 / 96;
        }
        if (widthMm <= 0) {
            widthMm = heightMm * pixelsWide / pixelsHigh;
        } else if (heightMm <= 0) {
            heightMm = widthMm * pixelsHigh / pixelsWide;
        }
        if (widthMm > maxWidthMm) {
            heightMm = heightMm * maxWidthMm / widthMm;
            widthMm = maxWidthMm;
        }
        return new WordPicture(png, (int) Math.round(widthMm * Units.EMU_PER_CENTIMETER / 10),
                (int) Math.round(heightMm * Units.EMU_PER_CENTIMETER / 10));
    }

    private static long readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xffL) << 24) | ((bytes[at + 1] & 0xffL) << 16) | ((bytes[at + 2] & 0xffL) << 8) | (bytes[at + 3] & 0xffL);
    }
}
