package no.mappe.archive;

import java.nio.charset.StandardCharsets;

/**
 * What one version stores, each part in its own encrypted blob: the content itself (kept byte for
 * byte), optionally the filled XHTML it was rendered from (for editable copies and signing), and
 * optionally the text read from it by Tika or OCR, so the index can be rebuilt without reading
 * the file again.
 */
public record VersionContent(byte[] content, String mediaType, byte[] source, String extractedText) {

    public static VersionContent of(byte[] content, String mediaType) {
        return new VersionContent(content, mediaType, null, null);
    }

    public VersionContent withSource(String xhtml) {
        return new VersionContent(content, mediaType, xhtml.getBytes(StandardCharsets.UTF_8), extractedText);
    }

    /** Keeps extracted text, unless there is none worth keeping. */
    public VersionContent withExtractedText(String text) {
        return new VersionContent(content, mediaType, source, text == null || text.isBlank() ? null : text.strip());
    }
}
