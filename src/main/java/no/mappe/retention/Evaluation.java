package no.mappe.retention;

import java.time.LocalDate;
import java.util.Map;

/**
 * Every document of an organisation held against the policy, the leader's review decisions and the
 * holds in force today: how many were evaluated and those that are due, by document id.
 */
record Evaluation(int evaluated, Map<String, Due> due) {

    /** A document that is due, and what a sweep needs to dispose of it (ids, type, programme, year; no personal data). */
    record Due(String documentId, String caseId, String documentType, String programme, int documentYear, RetentionRule rule,
               LocalDate dueDate, boolean held) {
    }
}
