package no.mappe.people;

/**
 * A person to add: their name, their role and the username (often an e-mail address) they sign
 * in with, unique on this installation.
 */
public record NewPerson(String name, String role, String username) {
}
