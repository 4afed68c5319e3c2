package no.mappe.search.extract;

import java.io.Serializable;

/**
 * An upload's bytes on their way to an extractor child, inside the tuple's (Java-serialised)
 * ParseContext, which the child's {@link UploadFetcher} reads back: no temporary file holds the upload.
 */
public record UploadBytes(byte[] bytes) implements Serializable {
}
