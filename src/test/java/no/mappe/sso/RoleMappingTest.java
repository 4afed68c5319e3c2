package no.mappe.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import no.mappe.security.Role;
import org.junit.jupiter.api.Test;

class RoleMappingTest {

    private static final Map<String, String> MAPPING = Map.of("Arbeidsledere", "employee", "Kontoret", "office",
            "Veiledere", "counsellor");

    @Test
    void anOrdinaryEmployeesGroupMapsToTheEmployeeRole() {
        assertThat(RoleMapping.roleFor("Arbeidsledere", MAPPING)).contains(Role.EMPLOYEE);
    }

    @Test
    void theEmployeeRoleIsBroaderThanOfficeAndNarrowerThanCounsellor() {
        assertThat(RoleMapping.roleFor(List.of("Kontoret", "Arbeidsledere"), MAPPING)).contains(Role.EMPLOYEE);
        assertThat(RoleMapping.roleFor(List.of("Arbeidsledere", "Veiledere"), MAPPING)).contains(Role.COUNSELLOR);
    }
}
