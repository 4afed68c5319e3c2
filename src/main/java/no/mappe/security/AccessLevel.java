package no.mappe.security;

/** The four access levels every document carries (tilgangsnivå 1-4). */
public final class AccessLevel {

    public static final int ALL_STAFF = 1;
    public static final int ORDINARY_EMPLOYEES = 2;
    public static final int PROGRAMME_DEPARTMENT = 3;
    public static final int MANAGEMENT = 4;

    private AccessLevel() {
    }

    public static boolean isValid(int level) {
        return level >= ALL_STAFF && level <= MANAGEMENT;
    }
}
