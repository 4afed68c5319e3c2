package no.mappe.retention;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An organisation's validated retention policy: exactly one rule for every document type.
 *
 * @param text   the policy file as read, kept so that a change is noticed and previewed
 * @param sha256 hex SHA-256 of the text: which version of the policy a sweep ran under
 */
public record RetentionPolicy(String name, String file, List<RetentionRule> rules, Map<String, RetentionRule> byDocumentType,
                              String text, String sha256) {

    public Optional<RetentionRule> ruleFor(String documentType) {
        return Optional.ofNullable(byDocumentType.get(documentType));
    }
}
