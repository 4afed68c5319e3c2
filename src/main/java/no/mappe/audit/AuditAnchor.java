package no.mappe.audit;

import java.util.OptionalLong;

/**
 * A chain value recorded where a database edit cannot reach it (the checkpoint file, a disposal
 * certificate), against which verification checks the log, so removing the newest entries or
 * re-chaining old ones is found.
 *
 * @param at         when it was recorded
 * @param source     where it was found, for the report (e.g. "disposal certificate 3f2a…")
 * @param keyedFrom  the first keyed entry at the time, when the source records it
 */
public record AuditAnchor(AuditHead head, String at, String source, OptionalLong keyedFrom) {

    public AuditAnchor(AuditHead head, String at, String source) {
        this(head, at, source, OptionalLong.empty());
    }
}
