package no.mappe.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims on jobs that must run on one node at a time, kept in the shared database: a claim is taken
 * when nobody holds it or the holder let it run out, renewed in the background while the job runs,
 * and given back when it ends. A node that dies stops renewing, and its claim runs out after one
 * {@link #term()}, so another node can take the job over. With SQLite there is one node, and the
 * same code costs one row write per job.
 */
public final class Leases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

    private final Database database;
    private final String nodeId;
    private final Clock clock;
    private final Duration term;
    private final Map<String, Lease> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewer;

    public Leases(Database database, String nodeId, Clock clock, Duration term) {
        this.database = database;
        this.nodeId = nodeId;
        this.clock = clock;
        this.term = term;
        this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mappe-lease-renewer");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, term.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** How long a claim lasts without renewal: how soon another node takes over the job of a node that died. */
    public Duration term() {
        return term;
    }

    public String nodeId() {
        return nodeId;
    }

    /** The claim, if nobody else holds it now; close it when the job ends. */
    public Optional<Lease> tryAcquire(String name) {
        long now = clock.millis();
        int taken = database.write(connection -> Sql.execute(connection, "INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at"
                + " WHERE leases.expires_at < ? OR leases.holder = ?", name, nodeId, now + term.toMillis(), now, nodeId));
        if (taken == 0) {
            return Optional.empty();
        }
        Lease lease = new Lease(name);
        held.put(name, lease);
        return Optional.of(lease);
    }

    private void renewAll() {
        for (Lease lease : held.values()) {
            try {
                long now = clock.millis();
                int renewed = database.write(connection -> Sql.execute(connection, "UPDATE leases SET expires_at = ? WHERE name = ?"
                        + " AND holder = ?", now + term.toMillis(), lease.name, nodeId));
                if (renewed == 0) {
                    // Not renewed in time (a pause longer than the term) and taken by another node: its job is that node's now.
                    lease.lost = true;
                    held.remove(lease.name, lease);
                    LOG.warn("The claim on {} ran out and another node took it; this node stops that job", lease.name);
                }
            } catch (RuntimeException e) {
                LOG.warn("Renewing the claim on {} failed ({}); trying again", lease.name, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        held.values().forEach(Lease::close);
    }

    /** A claim this node holds. */
    public final class Lease implements AutoCloseable {

        private final String name;
        private volatile boolean lost;

        private Lease(String name) {
            this.name = name;
        }

        /** Whether another node took the claim over: the job must stop before its next step. */
        public boolean lost() {
            return lost;
        }

        /** Gives the claim back at once, so another node need not wait for it to run out. */
        @Override
        public void close() {
            if (held.remove(name, this)) {
                try {
                    database.update(connection -> Sql.execute(connection, "DELETE FROM leases WHERE name = ? AND holder = ?", name,
                            nodeId));
                } catch (RuntimeException e) {
                    LOG.warn("Giving back the claim on {} failed ({}); it runs out by itself", name, e.getMessage());
                }
            }
        }
    }
}
