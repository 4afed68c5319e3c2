package no.mappe.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.mappe.archive.Archive;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.cases.CaseEventType;

/**
 * Carries out a disposal list: destroys documents (shred, or anonymise keeping a statistical
 * record), logs each disposal, and removes the participant's name and birth date from cases of
 * which nothing is kept any more.
 */
final class Disposer {

    private final Database database;
    private final Archive archive;
    private final Retention retention;
    private final AuditLog audit;
    private final Clock clock;

    Disposer(Database database, Archive archive, Retention retention, AuditLog audit, Clock clock) {
        this.database = database;
        this.archive = archive;
        this.retention = retention;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Disposes of one batch of a list: each item checked against a fresh evaluation, and inside the
     * transaction against the case events in force (an event voided since the evaluation stops it);
     * keys, rows, disposal-log, audit, list and index-outbox entries in one transaction, and the
     * events that started the clocks marked as acted on; then blobs.
     */
    void dispose(String organisationId, String sweepId, String actorId, Evaluation evaluation, List<SweepItem> batch) {
        Map<String, String> skipped = new LinkedHashMap<>();
        List<String> toDestroy = new ArrayList<>();
        for (SweepItem item : batch) {
            Evaluation.Due now = evaluation.due().get(item.documentId());
            if (now == null) {
                skipped.put(item.documentId(), archive.find(organisationId, item.documentId()).isPresent() ? "not-due" : "already-gone");
            } else if (now.held()) {
                skipped.put(item.documentId(), "held");
            } else if (!now.rule().action().code().equals(item.action())) {
                skipped.put(item.documentId(), "not-due");
            } else {
                toDestroy.add(item.documentId());
            }
        }
        String at = Instant.now(clock).toString();
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        archive.destroyAll(organisationId, toDestroy, (connection, documentId) -> stillDue(connection,
                evaluation.due().get(documentId), today), (connection, destroyed) -> {
            List<Object[]> disposals = new ArrayList<>();
            List<Object[]> anonymised = new ArrayList<>();
            List<Object[]> outcomes = new ArrayList<>();
            List<Object[]> actedOn = new ArrayList<>();
            for (String documentId : toDestroy) {
                if (!destroyed.contains(documentId)) {
                    outcomes.add(new Object[] {archive.find(organisationId, documentId).isPresent() ? "not-due" : "already-gone", at,
                            sweepId, documentId});
                    continue;
                }
                Evaluation.Due due = evaluation.due().get(documentId);
                RetentionAction action = due.rule().action();
                disposals.add(new Object[] {UUID.randomUUID().toString(), organisationId, sweepId, documentId, due.documentType(),
                        due.rule().retentionClass(), due.rule().describe(), action.code(), at, actorId, due.caseId(), due.programme(),
                        due.documentYear()});
                if (action == RetentionAction.ANONYMISE) {
                    anonymised.add(new Object[] {documentId, organisationId, due.documentType(), due.programme(), due.documentYear(), at});
                }
                outcomes.add(new Object[] {action.doneOutcome(), at, sweepId, documentId});
                if (CaseEventType.fromCode(due.rule().trigger()).isPresent()) {
                    actedOn.add(new Object[] {at, due.caseId(), due.rule().trigger()});
                }
                audit.append(connection, AuditEvent.of(organisationId, actorId, "document-" + action.doneOutcome())
                        .on("document", documentId).withDetail(due.rule().retentionClass()));
            }
            skipped.forEach((documentId, outcome) -> outcomes.add(new Object[] {outcome, at, sweepId, documentId}));
            Sql.executeBatch(connection, "INSERT INTO disposals (id, organisation_id, sweep_id, document_id, document_type,"
                    + " retention_class, rule, action, disposed_at, disposed_by, case_id, programme, document_year)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", disposals);
            Sql.executeBatch(connection, "INSERT INTO anonymised_documents (id, organisation_id, document_type, programme,"
                    + " document_year, anonymised_at) VALUES (?, ?, ?, ?, ?, ?)", anonymised);
            Sql.executeBatch(connection, "UPDATE sweep_items SET outcome = ?, done_at = ? WHERE sweep_id = ? AND document_id = ?",
                    outcomes);
            Sql.execute(connection, "UPDATE sweeps SET done_count = done_count + ? WHERE id = ?", disposals.size(), sweepId);
            Sql.executeBatch(connection, "UPDATE case_events SET acted_on_at = ? WHERE case_id = ? AND type = ? AND voided_at IS NULL"
                    + " AND acted_on_at IS NULL", actedOn);
        });
    }

    /**
     * Whether a document whose clock starts at a case event is still due, by the events in force in
     * this transaction: an event voided (or the only one re-dated) since the evaluation stops it.
     */
    private static boolean stillDue(java.sql.Connection connection, Evaluation.Due due, java.time.LocalDate today)
            throws java.sql.SQLException {
        if (CaseEventType.fromCode(due.rule().trigger()).isEmpty()) {
            return true;
        }
        return Sql.one(connection, "SELECT MAX(event_date) FROM case_events WHERE case_id = ? AND type = ? AND voided_at IS NULL",
                        row -> row.getString(1), due.caseId(), due.rule().trigger())
                .map(date -> !java.time.LocalDate.parse(date).plus(due.rule().after()).isAfter(today)).orElse(false);
    }

    /**
     * A participant's name and birth date go once nothing about them is kept: the cases this sweep
     * disposed of documents from that now have none left, unless they are held.
     */
    void anonymiseEmptyCases(String organisationId, String sweepId) {
        Holds.Active held = retention.holds().active(organisationId);
        String at = Instant.now(clock).toString();
        database.update(connection -> {
            List<String[]> emptied = Sql.list(connection, "SELECT DISTINCT c.id, c.participant_id FROM disposals dp"
                            + " JOIN cases c ON c.id = dp.case_id JOIN participants p ON p.id = c.participant_id"
                            + " WHERE dp.sweep_id = ? AND c.kind = 'participant' AND p.anonymised_at IS NULL"
                            + " AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.case_id = c.id)",
                    row -> new String[] {row.getString(1), row.getString(2)}, sweepId);
            for (String[] found : emptied) {
                if (held.caseIds().contains(found[0])) {
                    continue;
                }
                Sql.execute(connection, "UPDATE participants SET name = '', birth_date = '', anonymised_at = ? WHERE id = ?", at,
                        found[1]);
                audit.append(connection, AuditEvent.of(organisationId, "mappe", "case-anonymised").on("case", found[0]));
            }
        });
    }
}
