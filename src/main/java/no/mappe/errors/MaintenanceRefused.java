package no.mappe.errors;

/**
 * A maintenance command (backup, restore, master key rotation) will not run as asked, because
 * doing so would lose or expose data: a target inside the data directory, a data directory that is
 * not empty, a backup made by a newer version, a key that does not fit. Nothing was changed; the
 * message says what to do instead.
 */
public class MaintenanceRefused extends MappeException {

    public MaintenanceRefused(String message) {
        super(message);
    }

    public MaintenanceRefused(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String title() {
        return "Maintenance refused";
    }
}
