package no.mappe.errors;

/** The database, blob store or index failed. Nothing half-written is left behind when this is thrown. */
public class StorageFailure extends MappeException {

    public StorageFailure(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String title() {
        return "Storage failure";
    }
}
