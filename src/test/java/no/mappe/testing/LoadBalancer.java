package no.mappe.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a load balancer does for Mappe's nodes, as in front of a real installation: it asks each node's {@code /ready}
 * every 100 ms (a node that says "stopping", or does not answer, gets nothing new) and sends each request to the next
 * ready node in turn. Nodes are added and removed as an orchestrator would during a rolling restart.
 */
public final class LoadBalancer implements AutoCloseable {

    private static final Duration CHECK_EVERY = Duration.ofMillis(100);

    private final List<String> nodes = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> ready = new ConcurrentHashMap<>();
    private final HttpClient checks = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final AtomicInteger next = new AtomicInteger();
    private final Thread checker;
    private volatile boolean running = true;

    public LoadBalancer() {
        checker = new Thread(this::checkForever, "load-balancer-checks");
        checker.setDaemon(true);
        checker.start();
    }

    public void add(String baseUri) {
        ready.put(baseUri, check(baseUri));
        nodes.add(baseUri);
    }

    public void remove(String baseUri) {
        nodes.remove(baseUri);
        ready.remove(baseUri);
    }

    /** The next ready node; waits (up to 30 s) while none is. */
    public String pick() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> up = nodes.stream().filter(node -> ready.getOrDefault(node, false)).toList();
            if (!up.isEmpty()) {
                return up.get(Math.floorMod(next.getAndIncrement(), up.size()));
            }
            Thread.sleep(CHECK_EVERY.toMillis());
        }
        throw new IllegalStateException("No node has been ready for 30 s: " + ready);
    }

    /** Whether the balancer currently sends requests to this node. */
    public boolean sendsTo(String baseUri) {
        return ready.getOrDefault(baseUri, false);
    }

    private void checkForever() {
        while (running) {
            for (String node : nodes) {
                ready.put(node, check(node));
            }
            try {
                Thread.sleep(CHECK_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean check(String baseUri) {
        try {
            return checks.send(HttpRequest.newBuilder(URI.create(baseUri + "/ready")).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        checker.interrupt();
    }
}
