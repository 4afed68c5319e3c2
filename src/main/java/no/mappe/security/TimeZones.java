package no.mappe.security;

import java.time.ZoneId;
import java.util.List;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.InvalidFields;

/**
 * Each organisation's time zone: the one place that says on which clock its times are printed,
 * in sealed documents (signing times), disposal certificates and on its pages alike, so that a
 * time on a page is the time in the PDF. An organisation that has not chosen uses its language's
 * zone: Oslo for bokmål, Copenhagen for Danish. The leader chooses among the zones of the places
 * Mappe is made for: Norway, Denmark, the Faroe Islands and Greenland (a Faroese municipality
 * writes Danish but its clock is an hour behind Copenhagen's).
 */
public final class TimeZones {

    /** The zones an organisation may choose, in the order offered. */
    public static final List<String> CHOICES = List.of("Europe/Oslo", "Europe/Copenhagen", "Atlantic/Faroe", "America/Nuuk");

    private final Database database;
    private final AuditLog audit;

    public TimeZones(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    /** The organisation's zone: its choice, else its language's. */
    public ZoneId of(String organisationId) {
        return database.read(connection -> Sql.one(connection, "SELECT time_zone, language FROM organisations WHERE id = ?",
                row -> row.getString("time_zone") != null ? ZoneId.of(row.getString("time_zone")) : defaultFor(row.getString("language")),
                organisationId)).orElse(defaultFor("nb"));
    }

    /** Whether the organisation chose its zone itself (rather than taking its language's). */
    public boolean chosen(String organisationId) {
        return database.read(connection -> Sql.one(connection, "SELECT time_zone FROM organisations WHERE id = ?",
                row -> row.getString(1) != null, organisationId)).orElse(false);
    }

    /** The leader sets the organisation's zone, one of {@link #CHOICES}; audited. */
    public ZoneId choose(Caller caller, String zone) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can change the organisation's time zone");
        }
        if (zone == null || !CHOICES.contains(zone)) {
            throw InvalidFields.of("timeZone", "must be one of " + String.join(", ", CHOICES));
        }
        database.update(connection -> {
            Sql.execute(connection, "UPDATE organisations SET time_zone = ? WHERE id = ?", zone, caller.organisationId());
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "time-zone-changed")
                    .on("organisation", caller.organisationId()).withDetail(zone));
        });
        return ZoneId.of(zone);
    }

    /** The zone an organisation of this language has until it chooses: Norway's or Denmark's. */
    public static ZoneId defaultFor(String language) {
        return ZoneId.of("da".equals(language) ? "Europe/Copenhagen" : "Europe/Oslo");
    }
}
