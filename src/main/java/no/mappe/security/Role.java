package no.mappe.security;

import java.util.Locale;

/**
 * What a user does in the organisation. The highest access level each role may read follows the
 * four levels of the source documents (Vekst Melhus, "Tilgang og sikkerhet på datasystem"):
 * 1 all staff (ordinary employees and office staff), 2 ordinary employees, 3 the programme
 * department and the leader, 4 the management group ("daglig leder og attføringsleder").
 *
 * <p>Level 4 and the leader's own cabinet are two things in the source: level 4 of the folder
 * system is read by the management group, while the locked cabinet with the personnel folders and
 * the kept confidentiality declarations of people who left is opened by the leader alone ("det er
 * kun daglig leder som har nøkkel til dette arkivskapet"). So {@link #MANAGEMENT} keeps level 4,
 * and staff folders (the cabinet) are a leader-only kind of folder, checked by folder kind rather
 * than by level (see {@code no.mappe.staff.StaffFolders}).
 */
public enum Role {
    /** veileder / vejleder: works the cases assigned to them. */
    COUNSELLOR(3),
    /** daglig leder: the whole organisation, including the leader-only cabinet of staff folders. */
    LEADER(4),
    /** kontor: broad but shallow, level 1 only. */
    OFFICE(1),
    /** tiltaksavdeling / fagleder: the programme department, every case of the organisation, levels 1-3. */
    PROGRAMME(3),
    /**
     * ledergruppe (the source's "attføringsleder" beside the leader): every case and level 4, as the
     * source's fourth level names the management group; not the staff folders, whose cabinet only the
     * leader opens, and not the leader's duties.
     */
    MANAGEMENT(4),
    /**
     * ordinært ansatt / medarbejder: ordinary employees such as work supervisors (arbeidsledere):
     * levels 1-2 (the minutes of supervisors', department and board meetings), no case work.
     */
    EMPLOYEE(2);

    private final int highestLevel;

    Role(int highestLevel) {
        this.highestLevel = highestLevel;
    }

    /** The highest access level this role may ever read. */
    public int highestLevel() {
        return highestLevel;
    }

    /**
     * Whether this role works participants' cases (opens them, writes and signs their documents, may
     * be a case's counsellor): every role but office staff and ordinary employees, who only read.
     */
    public boolean worksCases() {
        return this != OFFICE && this != EMPLOYEE;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
