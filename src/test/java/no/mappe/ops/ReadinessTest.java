package no.mappe.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import no.mappe.testing.JavaCommand;
import no.mappe.demo.DemoData;
import no.mappe.testing.Api;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /ready} over HTTP: 200 with every check named when the service can work, 503 naming the
 * failing check when the disk has less room than the threshold or search is far behind the
 * database, while {@code /health} stays 200. The Docker health check runs the same probe the
 * image runs and exits 0 or 1 accordingly.
 */
class ReadinessTest {

    @TempDir
    Path dataDir;

    @Test
    void readyWhenEveryCheckPassesWithOneWordEachAndTheHealthCheckSaysSo() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir, Map.of("MAPPE_MIN_FREE_DISK_MB", "1"))) {
            Api.Response ready = server.anonymous().get("/ready");
            assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
            JsonNode body = ready.json();
            assertThat(body.get("status").asText()).isEqualTo("ready");
            assertThat(body.get("checks").properties()).extracting(Map.Entry::getKey)
                    .containsExactly("service", "database", "index", "blobs", "disk", "masterKey");
            body.get("checks").forEach(check -> assertThat(check.asText()).isEqualTo("ok"));
            assertThat(ready.header("Cache-Control")).isEqualTo("no-store");
            assertThat(server.anonymous().get("/health").status()).isEqualTo(200);

            assertThat(probe(server.app().port())).as("the image's HEALTHCHECK command").isZero();
        }
        assertThat(probe(freePort())).as("nothing listening").isEqualTo(1);
    }

    @Test
    void notReadyWhenTheDiskHasLessRoomThanTheThreshold() throws Exception {
        // 100 million MB is more than any disk this runs on
        try (MappeServer server = MappeServer.start(dataDir, Map.of("MAPPE_MIN_FREE_DISK_MB", "100000000"))) {
            Api.Response ready = server.anonymous().get("/ready");
            assertThat(ready.status()).as(ready.toString()).isEqualTo(503);
            assertThat(ready.json().get("status").asText()).isEqualTo("not ready");
            assertThat(ready.json().get("checks").get("disk").asText()).isEqualTo("low");
            assertThat(ready.json().get("checks").get("database").asText()).isEqualTo("ok");
            assertThat(server.anonymous().get("/health").status()).as("alive all the same").isEqualTo(200);
            assertThat(probe(server.app().port())).isEqualTo(1);
        }
    }

    @Test
    void notReadyWhileSearchIsFarBehindTheDatabaseAndReadyOnceItCaughtUp() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir, Map.of("MAPPE_MIN_FREE_DISK_MB", "1"))) {
            server.app().indexer().close(); // a stuck indexer
            addOutboxRows(Readiness.MAX_INDEX_LAG + 1);

            Api.Response behind = server.anonymous().get("/ready");
            assertThat(behind.status()).as(behind.toString()).isEqualTo(503);
            assertThat(behind.json().get("checks").get("index").asText()).isEqualTo("behind");

            server.app().indexer().start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Api.Response ready = server.anonymous().get("/ready");
            while (ready.status() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                ready = server.anonymous().get("/ready");
            }
            assertThat(ready.status()).as("ready again once no longer far behind: " + ready).isEqualTo(200);
            assertThat(server.app().indexer().lag()).isLessThanOrEqualTo(Readiness.MAX_INDEX_LAG);
        }
    }

    /** Changes the indexer has not seen: documents that do not exist, which it will find gone. */
    private void addOutboxRows(long count) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"));
             PreparedStatement insert = connection.prepareStatement("INSERT INTO index_outbox (organisation_id, target_type, target_id)"
                     + " VALUES (?, 'document', ?)")) {
            connection.setAutoCommit(false);
            for (long i = 0; i < count; i++) {
                insert.setString(1, DemoData.NORWEGIAN_ORGANISATION);
                insert.setString(2, UUID.randomUUID().toString());
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    /** The image's HEALTHCHECK: {@link HealthProbe} in its own JVM against {@code MAPPE_PORT}; its exit code. */
    private static int probe(int port) throws Exception {
        ProcessBuilder builder = JavaCommand.of(HealthProbe.class, "/ready");
        builder.environment().put("MAPPE_PORT", Integer.toString(port));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(output).isTrue();
        return process.exitValue();
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
