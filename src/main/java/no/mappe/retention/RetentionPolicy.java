package no.mappe.retention;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An organisation's validated retention policy: exactly one rule for every document type. */
public record RetentionPolicy(String name, String file, List<RetentionRule> rules, Map<String, RetentionRule> byDocumentType) {

    public Optional<RetentionRule> ruleFor(String documentType) {
        return Optional.ofNullable(byDocumentType.get(documentType));
    }
}
