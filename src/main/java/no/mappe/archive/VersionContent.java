package no.mappe.archive;

import java.nio.charset.StandardCharsets;

/**
 * What one version stores, each part in its own encrypted blob: the content itself (kept byte for
 * byte), optionally the filled XHTML it was rendered from (for editable copies and signing), and
 * optionally the text read from it by Tika or OCR, so the index can be rebuilt without reading
 * the file again; and for a generated draft the field values (JSON) it was made from, so it can be
 * edited in the same form (encrypted under the version's own key, in its row).
 */
public record VersionContent(byte[] content, String mediaType, byte[] source, String extractedText, String fields) {

    public static VersionContent of(byte[] content, String mediaType) {
        return new VersionContent(content, mediaType, null, null, null);
    }

    public VersionContent withSource(String xhtml) {
        return new VersionContent(content, mediaType, xhtml.getBytes(StandardCharsets.UTF_8), extractedText, fields);
    }

    /** Keeps extracted text, unless there is none worth keeping. */
    public VersionContent withExtractedText(String text) {
        return new VersionContent(content, mediaType, source, text == null || text.isBlank() ? null : text.strip(), fields);
    }

    /** The field values (as JSON) the version was generated from. */
    public VersionContent withFields(String json) {
        return new VersionContent(content, mediaType, source, extractedText, json);
    }
}
