package no.mappe.retention;

import java.util.List;
import no.mappe.complaints.ComplaintStatistics;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.BadRequest;
import no.mappe.errors.NotAllowed;
import no.mappe.security.Caller;
import no.mappe.security.Role;

/**
 * The counts an organisation reports each year: documents by type and programme, by the documents'
 * own year, and complaints from the complaint register by the year they were received. Document
 * counts come from the documents still kept and from the statistical records anonymisation leaves
 * behind, so anonymising never changes them; shredded documents are not counted (use anonymise for
 * classes whose counts must outlive the documents). The register outlives its documents.
 */
public final class Statistics {

    private final Database database;

    public Statistics(Database database) {
        this.database = database;
    }

    /** One line of the yearly counts. */
    public record Count(String documentType, String programme, int count) {
    }

    /**
     * @param documents      every document type (complaint forms and answer letters included)
     * @param totalComplaints the complaints received in the year, each once (from the complaint register)
     * @param complaints     the register's counts for the annual report
     */
    public record Yearly(int year, int totalDocuments, int totalComplaints, List<Count> documents, ComplaintStatistics complaints) {
    }

    public Yearly yearly(Caller caller, int year) {
        if (caller.role() != Role.LEADER && caller.role() != Role.MANAGEMENT && caller.role() != Role.PROGRAMME) {
            throw new NotAllowed("The yearly statistics are for the leader, the management group and the programme department");
        }
        if (year < 1900 || year > 9999) {
            throw new BadRequest("year must be a four-digit year, e.g. ?year=2026");
        }
        List<Count> all = database.read(connection -> Sql.list(connection,
                "SELECT document_type, programme, SUM(n) FROM ("
                        + " SELECT d.document_type, c.programme, COUNT(*) AS n FROM documents d JOIN cases c ON c.id = d.case_id"
                        + " WHERE d.organisation_id = ? AND c.kind = 'participant' AND substr(d.document_date, 1, 4) = ?"
                        + " GROUP BY d.document_type, c.programme"
                        + " UNION ALL SELECT document_type, programme, COUNT(*) FROM anonymised_documents"
                        + " WHERE organisation_id = ? AND document_year = ? GROUP BY document_type, programme)"
                        + " GROUP BY document_type, programme ORDER BY document_type, programme",
                row -> new Count(row.getString(1), row.getString(2), row.getInt(3)),
                caller.organisationId(), String.format("%04d", year), caller.organisationId(), year));
        ComplaintStatistics complaints = database.read(connection -> ComplaintStatistics.of(connection, caller.organisationId(), year));
        return new Yearly(year, all.stream().mapToInt(Count::count).sum(), complaints.total(), all, complaints);
    }
}
