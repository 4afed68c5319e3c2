package no.mappe.security;

import java.util.Locale;

/**
 * What a user does in the organisation. The highest access level each role may read follows the
 * four levels of the source documents (Vekst Melhus): 1 all staff, 2 ordinary employees,
 * 3 the programme department and the leader, 4 the management group.
 */
public enum Role {
    /** veileder / vejleder: works the cases assigned to them. */
    COUNSELLOR(3),
    /** daglig leder: the whole organisation, including the leader-only cabinet. */
    LEADER(4),
    /** kontor: broad but shallow, level 1 only. */
    OFFICE(1),
    /** tiltaksavdeling / fagleder: the programme department, every case of the organisation, levels 1-3. */
    PROGRAMME(3),
    /** ledergruppe: the management group, every case and the leader-only cabinet (level 4), but not the leader's duties. */
    MANAGEMENT(4);

    private final int highestLevel;

    Role(int highestLevel) {
        this.highestLevel = highestLevel;
    }

    /** The highest access level this role may ever read. */
    public int highestLevel() {
        return highestLevel;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
