package no.mappe.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import no.mappe.app.App;
import no.mappe.config.Config;
import no.mappe.security.PasswordHasher;

/**
 * A real Mappe on a random port with its own data directory (real SQLite file, Lucene directory and
 * blob store) and the demo organisations. Tests talk to it over HTTP with {@link Api}.
 */
public final class MappeServer implements AutoCloseable {

    public static final String PASSWORD = "test-Passord-æøå";
    /**
     * Argon2id with 1 MiB and one pass instead of OWASP's 19 MiB and two: the suite starts about two hundred
     * servers (each hashes the demo password and a dummy) and signs in about a thousand times, at some 70 ms of
     * CPU per hash with the real parameters. Those are still what PasswordHasherTest checks, and what every
     * service a test runs as its own process ({@link ServiceProcess}, {@link MappeCommand}) hashes with.
     */
    private static final PasswordHasher CHEAP_HASHES = new PasswordHasher(1024, 1);

    private final App app;
    private final Path dataDir;
    private final java.util.List<Api> clients = new java.util.ArrayList<>();

    private MappeServer(App app, Path dataDir) {
        this.app = app;
        this.dataDir = dataDir;
    }

    public static MappeServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /**
     * With settings of the test's own. With none, into an empty data directory: a copy of the demo data
     * seeded once per test JVM (seeding renders the demo's documents, a second or two each time), which
     * the service then opens as it opens any existing data directory.
     */
    public static MappeServer start(Path dataDir, Map<String, String> extraEnvironment) {
        if (RUNTIME_ONLY.containsAll(extraEnvironment.keySet()) && isEmpty(dataDir) && !EVERYTHING_DISTRIBUTED) {
            DemoSeed.copyInto(dataDir);
        }
        return start(dataDir, extraEnvironment, Clock.systemDefaultZone());
    }

    /**
     * {@code -Dmappe.test.setup=distributed} runs every service of the suite on PostgreSQL and an S3 bucket (a
     * data directory keeps its database and prefix across restarts), to look for SQL that only SQLite accepts.
     * Tests that open {@code mappe.db} themselves fail in that mode by design; CI runs the two-set-up classes instead.
     */
    private static final boolean EVERYTHING_DISTRIBUTED = "distributed".equals(System.getProperty("mappe.test.setup"));
    private static final Map<Path, Map<String, String>> DISTRIBUTED_BY_DATA_DIR = new java.util.concurrent.ConcurrentHashMap<>();

    /** Settings that change how the service runs, not what it seeds: the demo data can still be copied. */
    private static final java.util.Set<String> RUNTIME_ONLY = java.util.Set.of("MAPPE_EXTRACTORS", "MAPPE_EXTRACTION_QUEUE",
            "MAPPE_EXTRACTORS_AT_START");

    private static boolean isEmpty(Path dataDir) {
        if (!java.nio.file.Files.exists(dataDir)) {
            return true;
        }
        try (var entries = java.nio.file.Files.list(dataDir)) {
            return entries.findAny().isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The demo data as a fresh start seeds it, made once per JVM by a real start and a clean stop, then copied file by file. */
    private static final class DemoSeed {

        private static Path seeded;

        static synchronized void copyInto(Path target) {
            try {
                if (seeded == null) {
                    Path made = java.nio.file.Files.createTempDirectory("mappe-demo-seed");
                    start(made, Map.of(), Clock.systemDefaultZone()).close();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(made)));
                    seeded = made;
                }
                try (var files = java.nio.file.Files.walk(seeded)) {
                    for (Path from : files.toList()) {
                        if (from.getFileName().toString().equals("node-id")) {
                            continue; // each copy is a node of its own
                        }
                        Path to = target.resolve(seeded.relativize(from).toString());
                        if (java.nio.file.Files.isDirectory(from)) {
                            java.nio.file.Files.createDirectories(to); // owner-only, as the service made them
                            java.nio.file.Files.setPosixFilePermissions(to, java.nio.file.Files.getPosixFilePermissions(from));
                        } else {
                            java.nio.file.Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static void delete(Path directory) {
            try {
                no.mappe.files.Trees.delete(directory);
            } catch (java.io.IOException e) {
                // a temporary directory; the operating system clears it in time
            }
        }
    }

    /** With a clock of the test's own, e.g. a {@link MovableClock} to let a window pass. */
    public static MappeServer start(Path dataDir, Map<String, String> extraEnvironment, Clock clock) {
        Map<String, String> environment = new HashMap<>();
        environment.put("MAPPE_PORT", "0");
        environment.put("MAPPE_DATA_DIR", dataDir.toString());
        environment.put("MAPPE_DEMO", "true");
        environment.put("MAPPE_DEMO_PASSWORD", PASSWORD);
        environment.put("MAPPE_SWEEP_AT", "off");
        // Most tests upload nothing: their text extractor children start at the first upload, not with every server.
        environment.put("MAPPE_EXTRACTORS_AT_START", "false");
        if (EVERYTHING_DISTRIBUTED && !extraEnvironment.containsKey("MAPPE_DATABASE_URL")) {
            environment.putAll(DISTRIBUTED_BY_DATA_DIR.computeIfAbsent(dataDir.toAbsolutePath(),
                    dir -> StorageSetup.DISTRIBUTED.settings()));
        }
        environment.putAll(extraEnvironment);
        return new MappeServer(App.build(Config.from(environment), clock, CHEAP_HASHES).start().awaitDemoDocuments(), dataDir);
    }

    public Api login(String username) {
        return handedOut(Api.login(baseUri(), username, PASSWORD));
    }

    /** A user with a password of their own (one set through a one-time link), not the demo password. */
    public Api loginWith(String username, String password) {
        return handedOut(Api.login(baseUri(), username, password));
    }

    public Api anonymous() {
        return handedOut(Api.anonymous(baseUri()));
    }

    private Api handedOut(Api api) {
        synchronized (clients) {
            clients.add(api);
        }
        return api;
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

    /**
     * Stops the service. The clients it handed out are closed first: their idle keep-alive connections would
     * hold the stop for a second each time (Jetty's shutdown idle timeout), over two hundred stops in the suite.
     */
    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(Api::close);
            clients.clear();
        }
        app.close();
    }
}
