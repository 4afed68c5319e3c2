package no.mappe.web;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import no.mappe.people.SetupTokens;

/**
 * How a one-time link to set a password is handed out: its path, and its full address when
 * MAPPE_PUBLIC_URL says where Mappe is reached (never taken from the request's Host header, which
 * the sender controls). Shown once; Mappe keeps only the token's hash.
 */
final class SetupLinks {

    /** A link as the API returns it. */
    record Link(String path, String url, String purpose, Instant expiresAt) {
    }

    private final Optional<URI> publicUrl;

    SetupLinks(Optional<URI> publicUrl) {
        this.publicUrl = publicUrl;
    }

    Link of(SetupTokens.Issued issued) {
        String path = "/setup/" + issued.token();
        return new Link(path, publicUrl.map(base -> base + path).orElse(null), issued.purpose().code(), issued.expiresAt());
    }
}
