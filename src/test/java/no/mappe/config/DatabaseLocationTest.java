package no.mappe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import no.mappe.errors.StartupRefused;
import org.junit.jupiter.api.Test;

/** MAPPE_DATABASE_URL: the SQLite file by default, PostgreSQL when named, and a refusal that says what is wrong otherwise. */
class DatabaseLocationTest {

    @Test
    void theSqliteFileUnlessPostgresqlIsNamed() {
        assertThat(Config.from(Map.of()).database()).isEqualTo(new DatabaseLocation.SqliteFile());
        assertThat(Config.from(Map.of("MAPPE_DATABASE_URL", "sqlite")).database()).isEqualTo(new DatabaseLocation.SqliteFile());
    }

    @Test
    void postgresqlWithItsCredentialsBesideTheAddress() {
        Config config = Config.from(Map.of("MAPPE_DATABASE_URL", "jdbc:postgresql://db.example.no:5432/mappe?sslmode=verify-full",
                "MAPPE_DATABASE_USER", "mappe", "MAPPE_DATABASE_PASSWORD", "hemmelig-passord"));
        DatabaseLocation.Postgres postgres = (DatabaseLocation.Postgres) config.database();
        assertThat(postgres.url()).isEqualTo("jdbc:postgresql://db.example.no:5432/mappe?sslmode=verify-full");
        assertThat(postgres.user()).contains("mappe");
        assertThat(postgres.password()).contains("hemmelig-passord");
        assertThat(config.toString()).as("the configuration as a log line would show it").doesNotContain("hemmelig")
                .contains("jdbc:postgresql://db.example.no:5432/mappe as mappe");
        assertThat(config.leaseTerm()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void whatCannotBeUsedRefusesTheStartAndSaysWhy() {
        assertThatThrownBy(() -> parse("jdbc:mysql://db/mappe")).isInstanceOf(StartupRefused.class)
                .hasMessageContaining("jdbc:postgresql://host");
        assertThatThrownBy(() -> parse("jdbc:postgresql://db")).isInstanceOf(StartupRefused.class)
                .hasMessageContaining("jdbc:postgresql://host");
        assertThatThrownBy(() -> parse("jdbc:postgresql://db/mappe?user=mappe&password=hemmelig")).isInstanceOf(StartupRefused.class)
                .hasMessageContaining("MAPPE_DATABASE_PASSWORD").hasMessageNotContaining("hemmelig");
        assertThatThrownBy(() -> Config.from(Map.of("MAPPE_DATABASE_PASSWORD", "x"))).isInstanceOf(StartupRefused.class)
                .hasMessageContaining("names no PostgreSQL database");
        assertThatThrownBy(() -> Config.from(Map.of("MAPPE_LEASE_SECONDS", "1"))).isInstanceOf(StartupRefused.class)
                .hasMessageContaining("MAPPE_LEASE_SECONDS");
        assertThatThrownBy(() -> Config.from(Map.of("MAPPE_DATABASE_URL", "jdbc:postgresql://db/mappe", "MAPPE_BACKUP_DIR", "/backup")))
                .isInstanceOf(StartupRefused.class).hasMessageContaining("pg_basebackup");
    }

    private static DatabaseLocation parse(String value) {
        return DatabaseLocation.parse(Optional.of(value), Optional.empty(), Optional.empty());
    }
}
