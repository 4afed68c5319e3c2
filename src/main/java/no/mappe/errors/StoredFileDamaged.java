package no.mappe.errors;

/**
 * A stored file (an encrypted blob) is missing, altered or cannot be opened with the master key.
 * It is the server's fault, so it stays a 5xx, but unlike other storage failures its detail is
 * shown: the user cannot fix it, the operator can, by running {@code mappe verify} and restoring
 * the file from a backup. The message names ids only, never content.
 */
public final class StoredFileDamaged extends StorageFailure {

    private final String reason;

    /**
     * @param what   the file, e.g. "version 2 of document 3f2a…" or "blob 9c1e…"
     * @param reason what is wrong with it, e.g. "cannot be decrypted: it was altered"
     */
    public StoredFileDamaged(String what, String reason, Throwable cause) {
        super("The stored file of " + what + " is damaged (it " + reason + ") and cannot be read. Ask the operator to run"
                + " 'mappe verify' and restore the file from a backup.", cause);
        this.reason = reason;
    }

    /** What is wrong with the file, without saying which file it is. */
    public String reason() {
        return reason;
    }

    /** The same damage, named by what the caller knows the file as. */
    public StoredFileDamaged of(String what) {
        return new StoredFileDamaged(what, reason, getCause());
    }

    @Override
    public String title() {
        return "Stored file damaged";
    }
}
