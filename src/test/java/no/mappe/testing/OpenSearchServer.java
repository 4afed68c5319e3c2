package no.mappe.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real OpenSearch 2.19 node for the tests, one per test JVM: the distribution Maven copies to
 * {@code target/engines/opensearch.zip} (core modules only) with the {@code analysis-common} module beside
 * it, in a JVM of its own (OpenSearch 2.x runs on Java 11 to 23, under its security manager, so on the
 * machine's Java 17 or 21, not on the JDK of the tests), with its data under a temporary directory the
 * tests can search as someone with the cluster's disks would. Each service gets an index of its own.
 */
public final class OpenSearchServer {

    private static final Path ENGINES = Path.of("target/engines").toAbsolutePath();
    private static final String VERSION = "2.19.6";
    private static OpenSearchServer shared;

    private final URI url;
    private final Path dataDirectory;

    private OpenSearchServer(URI url, Path dataDirectory) {
        this.url = url;
        this.dataDirectory = dataDirectory;
    }

    /** The node of this test JVM, started at the first call; it stops, and its files go, when the JVM exits. */
    public static synchronized OpenSearchServer shared() {
        if (shared == null) {
            Path java = javaForOpenSearch();
            RequiredTool.requireThat(java != null, "A Java 17 to 23 runtime for OpenSearch 2.x (in /usr/lib/jvm)",
                    "openjdk-17-jre-headless");
            try {
                Path home = unpacked();
                Path dir = Files.createTempDirectory("mappe-opensearch-tests");
                int port = S3Server.freePort();
                List<String> command = new ArrayList<>();
                if ("root".equals(System.getProperty("user.name"))) {
                    command.addAll(List.of("unshare", "-U")); // OpenSearch refuses to run as root; unmapped, it runs as nobody
                }
                command.addAll(List.of(home.resolve("bin/opensearch").toString(),
                        "-Ecluster.name=mappe-tests", "-Enode.name=mappe-tests", "-Ediscovery.type=single-node",
                        "-Enetwork.host=127.0.0.1", "-Ehttp.port=" + port, "-Etransport.port=" + S3Server.freePort(),
                        "-Epath.data=" + dir.resolve("data"), "-Epath.logs=" + dir.resolve("logs"),
                        // A test machine's disk may be fuller than a cluster's should be; the tests write little.
                        "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()));
                builder.environment().put("OPENSEARCH_JAVA_HOME", java.toString());
                String heap = System.getProperty("mappe.opensearch.heap", "384m"); // bench/run search-cluster gives it more
                // The quick compiler only, as for S3Proxy: the node starts with a third less CPU, which the tests beside it need more.
                String compiler = Boolean.getBoolean("mappe.opensearch.optimise") ? "" : " -XX:TieredStopAtLevel=1";
                builder.environment().put("OPENSEARCH_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap + compiler);
                builder.environment().remove("JAVA_HOME");
                Process process = builder.start();
                URI url = URI.create("http://127.0.0.1:" + port);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    process.descendants().forEach(ProcessHandle::destroy);
                    process.destroy();
                    try {
                        process.waitFor(20, TimeUnit.SECONDS);
                        no.mappe.files.Trees.delete(dir);
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        // the temporary directory is left behind; it holds only terms of test documents
                    }
                }));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!answers(url)) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("OpenSearch did not start:\n" + tail(dir.resolve("console.log")));
                    }
                    Thread.sleep(200);
                }
                shortLeaseSyncForTestIndices(url);
                shared = new OpenSearchServer(url, dir.resolve("data"));
            } catch (IOException e) {
                throw new UncheckedIOException("OpenSearch could not be started for the tests", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /** A new, empty index name, and the settings that make a service search in it. */
    public Map<String, String> newIndexSettings() {
        return Map.of("MAPPE_SEARCH", url.toString(), "MAPPE_SEARCH_INDEX", "mappe-" + UUID.randomUUID().toString().replace("-", ""));
    }

    public URI url() {
        return url;
    }

    /** The node's data directory: its segments, translog and cluster state. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * The distribution, unpacked once into target/engines (with the analysis module added) and reused by later test JVMs;
     * the test JVMs running at once take turns through a file lock.
     */
    private static Path unpacked() throws IOException {
        Files.createDirectories(ENGINES);
        try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(ENGINES.resolve("opensearch.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock held = lock.lock()) {
            return unpackedOnce();
        }
    }

    private static Path unpackedOnce() throws IOException {
        Path home = ENGINES.resolve("opensearch-" + VERSION);
        Path ready = home.resolve(".unpacked-2"); // 2: with the test-intervals plugin
        if (Files.exists(ready)) {
            return home;
        }
        Path zip = ENGINES.resolve("opensearch.zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: Maven copies it in generate-test-resources (run the tests through mvn)");
        }
        no.mappe.files.Trees.delete(home);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = ENGINES.resolve(entry.getName()).normalize();
                if (!target.startsWith(home)) {
                    throw new IOException("Unexpected entry in the OpenSearch distribution: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (var files = Files.walk(home.resolve("bin"))) {
            files.filter(Files::isRegularFile).forEach(file -> file.toFile().setExecutable(true));
        }
        try (var files = Files.walk(home.resolve("jdk"), 3)) {
            files.filter(Files::isRegularFile).forEach(file -> file.toFile().setExecutable(true));
        } catch (java.nio.file.NoSuchFileException e) {
            // the integration-test distribution brings no JDK of its own
        }
        Path module = home.resolve("modules/analysis-common");
        Files.createDirectories(module);
        Files.copy(ENGINES.resolve("opensearch-analysis-common.jar"), module.resolve("analysis-common-" + VERSION + ".jar"),
                StandardCopyOption.REPLACE_EXISTING);
        // Its descriptor, as the full distribution ships it, without the scripting extension (no painless here).
        Files.writeString(module.resolve("plugin-descriptor.properties"), String.join("\n",
                "description=Adds analyzers, tokenizers and token filters to OpenSearch",
                "version=" + VERSION, "name=analysis-common", "classname=org.opensearch.analysis.common.CommonAnalysisPlugin",
                "java.version=11", "opensearch.version=" + VERSION, "custom.foldername=analysis-common", ""), StandardCharsets.UTF_8);
        shortIntervalsPlugin(home);
        Files.writeString(ready, VERSION);
        return home;
    }

    /**
     * The test framework's InternalSettingsPlugin as a plugin of the node (its one class, in a jar of its own): it lets an
     * index set {@code index.soft_deletes.retention_lease.sync_interval}, which OpenSearch keeps at 30 s otherwise. The node
     * is as shipped in every other way; the service sets nothing of it (see {@link #shared()}'s index template).
     */
    private static void shortIntervalsPlugin(Path home) throws IOException {
        Path plugin = home.resolve("plugins/test-intervals");
        Files.createDirectories(plugin);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(ENGINES.resolve("opensearch-test-framework.jar")));
             java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(
                     Files.newOutputStream(plugin.resolve("test-intervals.jar")))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().startsWith("org/opensearch/test/InternalSettingsPlugin")) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Files.writeString(plugin.resolve("plugin-descriptor.properties"), String.join("\n",
                "description=Test-only index settings (OpenSearch's own test framework)", "version=" + VERSION,
                "name=test-intervals", "classname=org.opensearch.test.InternalSettingsPlugin", "java.version=11",
                "opensearch.version=" + VERSION, ""), StandardCharsets.UTF_8);
    }

    /**
     * Every index the tests' services make syncs its retention leases and global checkpoint every second instead of every 30
     * (a lease retains from the global checkpoint): a shredded entry
     * then leaves the node's files within seconds, and the tests that look for it wait that long instead of half a minute.
     * The service's own purge (repeat until the leases are past the removal) is exercised the same way.
     */
    private static void shortLeaseSyncForTestIndices(URI url) throws IOException, InterruptedException {
        String template = "{\"index_patterns\": [\"mappe-*\"], \"template\": {\"settings\":"
                + " {\"index.soft_deletes.retention_lease.sync_interval\": \"1s\", \"index.global_checkpoint_sync.interval\": \"1s\"}}}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/_index_template/mappe-tests"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(template)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The tests' index template was refused: " + response.body());
        }
    }

    /** A Java 17 to 23 runtime (OpenSearch 2.x needs the security manager that Java 24 removed), or null. */
    private static Path javaForOpenSearch() {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (var homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> {
                        String name = home.getFileName().toString();
                        return name.matches(".*\\b(17|21)\\b.*") || name.matches(".*-(17|21)-.*");
                    })
                    .sorted()
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean answers(URI url) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tail(Path log) {
        try (InputStream in = Files.newInputStream(log)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
