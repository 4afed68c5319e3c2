package no.mappe.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import no.mappe.app.App;
import no.mappe.config.Config;

/**
 * A real Mappe on a random port with its own data directory (real SQLite file, Lucene directory and
 * blob store) and the demo organisations. Tests talk to it over HTTP with {@link Api}.
 */
public final class MappeServer implements AutoCloseable {

    public static final String PASSWORD = "test-Passord-æøå";

    private final App app;
    private final Path dataDir;

    private MappeServer(App app, Path dataDir) {
        this.app = app;
        this.dataDir = dataDir;
    }

    public static MappeServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    public static MappeServer start(Path dataDir, Map<String, String> extraEnvironment) {
        return start(dataDir, extraEnvironment, Clock.systemDefaultZone());
    }

    /** With a clock of the test's own, e.g. a {@link MovableClock} to let a window pass. */
    public static MappeServer start(Path dataDir, Map<String, String> extraEnvironment, Clock clock) {
        Map<String, String> environment = new HashMap<>();
        environment.put("MAPPE_PORT", "0");
        environment.put("MAPPE_DATA_DIR", dataDir.toString());
        environment.put("MAPPE_DEMO", "true");
        environment.put("MAPPE_DEMO_PASSWORD", PASSWORD);
        environment.put("MAPPE_SWEEP_AT", "off");
        environment.putAll(extraEnvironment);
        return new MappeServer(App.build(Config.from(environment), clock).start(), dataDir);
    }

    public Api login(String username) {
        return Api.login(baseUri(), username, PASSWORD);
    }

    /** A user with a password of their own (one set through a one-time link), not the demo password. */
    public Api loginWith(String username, String password) {
        return Api.login(baseUri(), username, password);
    }

    public Api anonymous() {
        return Api.anonymous(baseUri());
    }

    public String baseUri() {
        return "http://localhost:" + app.port();
    }

    public App app() {
        return app;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        app.close();
    }
}
