package no.mappe.errors;

/**
 * The disk under the database or the blob store is full. Thrown before anything is committed, so
 * nothing was stored and the client may safely try again once the operator has made room.
 */
public final class StorageFull extends MappeException {

    public StorageFull(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String title() {
        return "Insufficient storage";
    }

    /** Whether a failure was caused by a full disk (ENOSPC from the file system, SQLITE_FULL from the database). */
    public static boolean causedByFullDisk(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && (message.contains("No space left on device") || message.contains("SQLITE_FULL")
                    || message.contains("database or disk is full"))) {
                return true;
            }
        }
        return false;
    }
}
