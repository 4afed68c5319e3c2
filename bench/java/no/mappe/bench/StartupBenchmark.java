package no.mappe.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.mappe.app.App;
import no.mappe.config.Config;

/**
 * Start-up to a 200 on /health and the service's resident memory once idle, for one or more built
 * jars side by side ({@code bench/run startup [DOCS] JAR...}; default: target/mappe.jar), each as an
 * operator runs it (with the options of {@code ./mappe}) and, when a start-up cache JAR minus
 * ".jar" plus ".aot" exists, also with it. Three data directories: empty (the first demo start,
 * which creates and seeds everything; its demo documents are made once it answers, and the time until
 * they are is printed too; and a first start with no demo mode, as after an installation), the demo
 * data again (a restart) and the demo data with DOCS
 * more documents (default 10,000; made once with this build and copied for each start). The last is
 * started twice: in demo mode, and as an installation runs (no demo mode, the master key in a file
 * outside the data directory), which skips what only demo mode does at every start: a new random
 * demo password, its Argon2 hash and the demo users' update. Rounds are interleaved; medians of three.
 */
public final class StartupBenchmark {

    private static final int ROUNDS = Integer.getInteger("rounds", 3);
    /** Long enough for G1's periodic collection (after 15 s without one) to give unused heap back. */
    private static final Duration IDLE = Duration.ofSeconds(30);
    /** The service's JVM options (bench/run runs from the repository's root). */
    private static final Path JVM_OPTIONS = Path.of("jvm.options");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<Path> jars = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            jars.add(Path.of(args[i]).toAbsolutePath());
        }
        if (jars.isEmpty()) {
            jars.add(Path.of("target/mappe.jar").toAbsolutePath());
        }
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                System.err.println("No jar at " + jar + ": build it first with ./mappe build (bench/run compiles the classes"
                        + " only).");
                System.exit(2);
            }
        }
        Path dir = Files.createTempDirectory("mappe-bench-startup");
        System.out.printf("Mappe start-up benchmark: %d cores, Java %s, medians of %d, in %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), ROUNDS, dir);
        try {
            Path large = dir.resolve("large");
            seed(large, documents);
            Map<String, List<Start>> starts = new LinkedHashMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (Path jar : jars) {
                    for (boolean cached : cacheOf(jar).map(cache -> List.of(false, true)).orElse(List.of(false))) {
                        String variant = jar.getFileName() + (cached ? " + start-up cache" : "");
                        Path empty = dir.resolve("empty-" + round + "-" + variant.hashCode());
                        Start first = start(jar, cached, empty, false);
                        Start restart = start(jar, cached, empty, true);
                        Path emptyInstalled = dir.resolve("empty-installed");
                        Start firstInstalled = start(jar, cached, emptyInstalled, false, Map.of("MAPPE_DEMO", "false",
                                "MAPPE_MASTER_KEY_FILE", masterKeyOutside(large, dir).toString()));
                        BenchFiles.deleteTree(emptyInstalled);
                        Path copy = dir.resolve("copy");
                        copyTree(large, copy);
                        Start withDocuments = start(jar, cached, copy, false);
                        Start installed = start(jar, cached, copy, false, Map.of("MAPPE_DEMO", "false",
                                "MAPPE_MASTER_KEY_FILE", masterKeyOutside(large, dir).toString()));
                        BenchFiles.deleteTree(copy);
                        BenchFiles.deleteTree(empty);
                        record(starts, variant + " | first demo start", first);
                        record(starts, variant + " | first demo start, until its documents are made",
                                new Start(first.demoDocumentsMillis(), first.rssMegabytes(), first.childrenMegabytes(), -1));
                        record(starts, variant + " | first start, no demo mode", firstInstalled);
                        record(starts, variant + " | restart, demo data", restart);
                        record(starts, variant + String.format(" | restart, %,d documents", documents), withDocuments);
                        record(starts, variant + String.format(" | restart, %,d documents, no demo mode", documents),
                                installed);
                    }
                }
            }
            System.out.printf("%-70s %12s %16s %22s%n", "jar | data directory", "to /health", "idle RSS",
                    "its children's RSS");
            starts.forEach((name, each) -> System.out.printf("%-70s %9d ms %13d MB %19d MB%n", name, median(each, Start::millis),
                    median(each, Start::rssMegabytes), median(each, Start::childrenMegabytes)));
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    /**
     * To /health, resident memory once idle (the service's, and that of all its child processes together: the text
     * extractors), and (a first demo start only, else -1) until the demo documents were made.
     */
    private record Start(long millis, long rssMegabytes, long childrenMegabytes, long demoDocumentsMillis) {
    }

    private static java.util.Optional<Path> cacheOf(Path jar) {
        Path cache = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".aot"));
        return Files.exists(cache) ? java.util.Optional.of(cache) : java.util.Optional.empty();
    }

    /** The demo data's master key, copied to a 0600 file beside the data directories, as an installation keeps it. */
    private static Path masterKeyOutside(Path dataDir, Path dir) throws IOException {
        Path key = dir.resolve("keys").resolve("master.key");
        if (!Files.exists(key)) {
            Files.createDirectories(key.getParent());
            Files.copy(dataDir.resolve("master.key"), key);
            Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        return key;
    }

    private static Start start(Path jar, boolean cached, Path dataDir, boolean keepOutput) throws Exception {
        return start(jar, cached, dataDir, keepOutput, Map.of());
    }

    /** Starts the jar on the directory (demo mode unless the settings say otherwise), waits for /health, then idles and reads its RSS. */
    private static Start start(Path jar, boolean cached, Path dataDir, boolean keepOutput, Map<String, String> settings) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (cached) {
            command.add("-XX:AOTCache=" + cacheOf(jar).orElseThrow());
        }
        // The service's options, as ./mappe, the Dockerfile and the README's systemd unit give them
        command.addAll(List.of("@" + JVM_OPTIONS.toAbsolutePath(), "-jar", jar.toString(), "serve"));
        int port = freePort();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + (keepOutput ? "-restart" : "") + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("MAPPE_DATA_DIR", dataDir.toString(), "MAPPE_DEMO", "true", "MAPPE_PORT",
                String.valueOf(port), "MAPPE_SWEEP_AT", "off"));
        builder.environment().putAll(settings);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).timeout(Duration.ofSeconds(2)).build();
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            long millis = -1;
            while (millis < 0) {
                if (!process.isAlive()) {
                    // The data directories and logs go with the benchmark's directory, so show the log's end here.
                    List<String> lines = Files.readAllLines(log);
                    throw new IllegalStateException("The service stopped while starting (exit " + process.exitValue()
                            + "); the end of its log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
                }
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        millis = (System.nanoTime() - started) / 1_000_000;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(10);
                }
                if (System.nanoTime() - started > Duration.ofMinutes(3).toNanos()) {
                    throw new IllegalStateException("No answer on /health within 3 minutes");
                }
            }
            // While it idles: when a first demo start's documents, made after it answers, are in.
            long demoDocumentsMillis = -1;
            long idleUntil = System.nanoTime() + IDLE.toNanos();
            while (System.nanoTime() < idleUntil) {
                if (demoDocumentsMillis < 0 && Files.readString(log).contains(App.DEMO_DOCUMENTS_MADE)) {
                    demoDocumentsMillis = (System.nanoTime() - started) / 1_000_000;
                }
                Thread.sleep(20);
            }
            long children = 0;
            for (ProcessHandle child : process.descendants().toList()) {
                children += Math.max(0, residentMegabytes(child.pid()));
            }
            return new Start(millis, residentMegabytes(process.pid()), children, demoDocumentsMillis);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    static long residentMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    /** A demo data directory with N more documents, indexed, made in-process with this build. */
    private static void seed(Path dataDir, int documents) throws Exception {
        long start = System.nanoTime();
        Config config = Config.from(Map.of("MAPPE_DATA_DIR", dataDir.toString(), "MAPPE_DEMO", "true", "MAPPE_PORT", "0",
                "MAPPE_SWEEP_AT", "off"));
        try (App app = App.build(config).start().awaitDemoDocuments()) { // the demo world whole, as a first start makes it
            BackupBenchmark.seed(app, documents);
        }
        try (App app = App.build(config).start().awaitDemoDocuments()) {
            if (!app.indexer().sync(Duration.ofMinutes(10))) {
                throw new IllegalStateException("The index did not catch up with the seeded documents");
            }
        }
        System.out.printf("  seeded a demo data directory with %,d more documents in %.1f s%n", documents, (System.nanoTime() - start) / 1e9);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void record(Map<String, List<Start>> starts, String name, Start start) {
        starts.computeIfAbsent(name, key -> new ArrayList<>()).add(start);
    }

    private static long median(List<Start> starts, java.util.function.ToLongFunction<Start> figure) {
        return Math.round(Percentiles.median(starts.stream().map(start -> figure.applyAsLong(start)).toList()));
    }
}
