package no.mappe.cli;

import no.mappe.config.Config;

/** Where the one-time links point: MAPPE_PUBLIC_URL when set, else this machine's port. */
final class LinkBase {

    private LinkBase() {
    }

    static String of(Config config) {
        return config.publicUrl().map(Object::toString).orElse("http://localhost:" + (config.port() == 0 ? 8080 : config.port()));
    }
}
