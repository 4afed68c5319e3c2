package no.mappe.config;

/**
 * The long-lived text extractor children (MAPPE_EXTRACTORS, default half the cores and at least 2;
 * each reserves about 350 MB), how many more uploads may wait for one (MAPPE_EXTRACTION_QUEUE,
 * default 8 per child; beyond that an upload is answered 429 at once), and whether they start with
 * the service (MAPPE_EXTRACTORS_AT_START, default true) or at the first upload.
 */
public record Extraction(int children, int queue, boolean atStart) {

    public Extraction {
        if (children < 1 || children > 64) {
            throw new no.mappe.errors.StartupRefused("MAPPE_EXTRACTORS must be between 1 and 64, was " + children);
        }
        if (queue < 0) {
            throw new no.mappe.errors.StartupRefused("MAPPE_EXTRACTION_QUEUE must be 0 or more, was " + queue);
        }
    }
}
