package no.mappe.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The hashes the service stores: Argon2id with OWASP's minimum parameters. The test servers hash with cheaper ones
 * ({@code MappeServer}); these are the parameters every installation uses, and the ones a stored hash is read back with.
 */
class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void theServiceHashesWithOwaspsMinimumAndChecksTheHashWithTheParametersItNames() {
        String stored = hasher.hash("riktig-Passord-æøå");

        assertThat(stored).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.matches("riktig-Passord-æøå", stored)).isTrue();
        assertThat(hasher.matches("riktig-passord-æøå", stored)).isFalse();
        assertThat(hasher.hash("riktig-Passord-æøå")).as("a new salt each time").isNotEqualTo(stored);
    }

    @Test
    void aHashMadeWithOtherParametersIsCheckedWithThoseAndAnUnknownFormatNeverMatches() {
        String cheaper = new PasswordHasher(1024, 1).hash("et passord");

        assertThat(cheaper).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(hasher.matches("et passord", cheaper)).isTrue();
        assertThat(hasher.matches("et annet passord", cheaper)).isFalse();
        assertThat(hasher.matches("et passord", cheaper.replace("argon2id", "argon2i"))).isFalse();
        assertThat(hasher.matches("et passord", cheaper.replace("m=1024", "x=1024"))).isFalse();
        assertThat(hasher.matches("et passord", "$2y$10$notargon")).isFalse();
    }
}
