package no.mappe.errors;

/** The audit checkpoint file cannot be read, or its MAC does not match: it was altered, or it was not written with this master key. */
public final class AuditCheckpointInvalid extends MappeException {

    public AuditCheckpointInvalid(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Audit checkpoint invalid";
    }
}
