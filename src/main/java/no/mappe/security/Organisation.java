package no.mappe.security;

/**
 * A tenant: one provider or municipality. Nothing of one organisation is ever visible to another.
 *
 * @param language default document and UI language: nb (Norwegian bokmål) or da (Danish)
 * @param policy   name of its retention policy file in archive-policy/, without .yaml
 */
public record Organisation(String id, String name, String country, String language, String policy) {
}
