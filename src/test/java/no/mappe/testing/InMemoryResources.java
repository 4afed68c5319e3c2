package no.mappe.testing;

import java.util.Map;
import java.util.Optional;
import no.mappe.config.Resources;

/** Template or policy files held in a map, for tests that need a small catalogue of their own. */
public record InMemoryResources(Map<String, String> files) implements Resources {

    @Override
    public Optional<String> read(String relativePath) {
        return Optional.ofNullable(files.get(relativePath));
    }

    @Override
    public String describe(String relativePath) {
        return "test/" + relativePath;
    }
}
