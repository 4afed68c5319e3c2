package no.mappe.signing;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import no.mappe.errors.BadRequest;
import no.mappe.errors.InvalidFields;
import no.mappe.untrusted.PageImages;

/**
 * Turns an uploaded scan (PDF, JPEG, PNG or TIFF, possibly several pages) into page images for the
 * signed version, at most 2000 pixels on the long side (about 170 dpi for A4). The file is read by
 * {@link PageImages} in a child process, which checks page counts and sizes before decoding
 * anything, so a hostile file is refused instead of eating the service's memory.
 */
final class ScanPages {

    static final int MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
    private static final int MAX_SIDE = 2000;

    private final PageImages pageImages;

    ScanPages(PageImages pageImages) {
        this.pageImages = pageImages;
    }

    /** The pages as base64 PNGs. */
    List<String> toPngPages(byte[] upload, String contentType) {
        if (upload.length == 0) {
            throw new BadRequest("Send the scanned signed copy as the request body");
        }
        if (upload.length > MAX_UPLOAD_BYTES) {
            throw InvalidFields.of("file", "must be at most " + MAX_UPLOAD_BYTES / (1024 * 1024) + " MB");
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        PageImages.Kind kind = switch (type) {
            case "application/pdf" -> PageImages.Kind.PDF;
            case "image/jpeg", "image/png", "image/tiff" -> PageImages.Kind.IMAGE;
            default -> throw InvalidFields.of("file", "must be a PDF, JPEG, PNG or TIFF (Content-Type " + type + " is not)");
        };
        return pageImages.render(upload, kind, MAX_SIDE).stream().map(Base64.getEncoder()::encodeToString).toList();
    }
}
