package no.mappe.sso;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.mappe.security.Role;

/**
 * From the groups or roles an identity provider says a person has to one Mappe role. A person in
 * several mapped groups gets the broadest of their roles, in this order: leader, management group,
 * programme department, counsellor, ordinary employee, office.
 */
final class RoleMapping {

    private static final List<Role> BROADEST_FIRST = List.of(Role.LEADER, Role.MANAGEMENT, Role.PROGRAMME, Role.COUNSELLOR,
            Role.EMPLOYEE, Role.OFFICE);

    private RoleMapping() {
    }

    /**
     * The role for a claim's value: a single string, or a list of them (Entra ID and most others
     * send groups as a JSON array). Values that are not mapped are ignored; none mapped is empty.
     */
    static Optional<Role> roleFor(Object claimValue, Map<String, String> mapping) {
        List<String> values = switch (claimValue) {
            case null -> List.of();
            case String single -> List.of(single);
            case Collection<?> many -> many.stream().filter(String.class::isInstance).map(String.class::cast).toList();
            default -> List.of();
        };
        List<Role> mapped = values.stream().map(mapping::get).filter(java.util.Objects::nonNull).map(Role::fromCode).toList();
        return BROADEST_FIRST.stream().filter(mapped::contains).findFirst();
    }
}
