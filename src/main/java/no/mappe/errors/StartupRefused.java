package no.mappe.errors;

/**
 * Configuration, a retention policy or a template is invalid, so the service refuses to start.
 * The message names the setting or file (and line) and what to do.
 */
public class StartupRefused extends MappeException {

    public StartupRefused(String message) {
        super(message);
    }

    public StartupRefused(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String title() {
        return "Invalid configuration";
    }
}
