package no.mappe.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import no.mappe.app.App;
import no.mappe.db.Sql;
import no.mappe.testing.Api;
import no.mappe.testing.Documents;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With several nodes, each feeding its own index from the shared outbox, a row goes only once every
 * node seen lately has applied it; a node not seen for ten minutes holds nothing back.
 */
class OutboxPruningTest {

    @TempDir
    Path dataDir;

    @Test
    void aRowStaysUntilEveryLiveNodeHasItAndANodeLongGoneHoldsNothingBack() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir)) {
            App app = server.app();
            long now = System.currentTimeMillis();
            app.database().update(connection -> {
                // The data directory is a copy of one the test JVM seeded: that node's row would hold rows back too.
                Sql.execute(connection, "DELETE FROM index_consumers");
                Sql.execute(connection, "INSERT INTO index_consumers (node_id, applied_seq, seen_at) VALUES ('another-node', 0, ?)", now);
            });
            Api counsellor = server.login("veileder");
            Documents.consent(counsellor, Documents.firstCase(counsellor), "Beskjæringstest.");
            long seq = count(app, "SELECT MAX(seq) FROM index_outbox");

            app.indexer().applyPending();
            app.indexer().notePlaceAndPrune(); // what the indexer does every 10 s while changes come in, once a minute when idle
            assertThat(count(app, "SELECT COUNT(*) FROM index_consumers WHERE node_id <> 'another-node' AND applied_seq >= " + seq))
                    .as("this node noted that its index has the change").isEqualTo(1);
            assertThat(count(app, "SELECT COUNT(*) FROM index_outbox WHERE seq = " + seq)).as("kept for the other node").isEqualTo(1);

            app.database().update(connection -> Sql.execute(connection, "UPDATE index_consumers SET seen_at = ? WHERE node_id ="
                    + " 'another-node'", now - TimeUnit.MINUTES.toMillis(11)));
            app.indexer().notePlaceAndPrune();
            assertThat(count(app, "SELECT COUNT(*) FROM index_outbox WHERE seq <= " + seq)).as("pruned once the other node was not"
                    + " seen for ten minutes").isZero();
        }
    }

    private static long count(App app, String sql) {
        return app.database().read(connection -> Sql.one(connection, sql, row -> row.getLong(1)).orElse(0L));
    }
}
