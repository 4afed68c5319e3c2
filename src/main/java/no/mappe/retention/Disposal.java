package no.mappe.retention;

/**
 * One entry of the disposal log, in Noark 5 terms: what was disposed of (kassert), under which
 * class and rule, when (kassertDato) and by whom (kassertAv). No personal data.
 */
public record Disposal(String id, String sweepId, String documentId, String documentType, String retentionClass, String rule,
                       String action, String disposedAt, String disposedBy) {
}
