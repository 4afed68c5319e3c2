package no.mappe.errors;

/** A retention policy file is invalid; the message names the file, the line and the problem. */
public final class RetentionPolicyInvalid extends StartupRefused {

    public RetentionPolicyInvalid(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
