package no.mappe.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server for the tests: S3Proxy (the jar Maven puts in {@code target/engines}) in
 * a JVM of its own, with AWS signatures checked and every object kept as a file under a directory
 * the test can search, as someone with the store's disks would.
 */
public final class S3Server implements AutoCloseable {

    /** The bucket of {@link #shared()}. */
    public static final String SHARED_BUCKET = "mappe-tests";
    public static final String ACCESS_KEY_ID = "mappe-test";
    public static final String SECRET_ACCESS_KEY = "mappe-test-secret-key";
    private static final Path JAR = Path.of("target/engines/s3proxy.jar").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private static S3Server shared;

    private final Path storage;
    private final Path log;
    private final int port;
    private final S3Client client;
    private Process process;

    private S3Server(Path dir, int port) {
        this.storage = dir.resolve("objects");
        this.log = dir.resolve("s3proxy.log");
        this.port = port;
        this.client = S3Client.builder().endpointOverride(endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .build();
    }

    /** Starts a server keeping its objects under {@code dir/objects}, and waits until it answers. */
    public static S3Server start(Path dir) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: Maven copies it in generate-test-resources (run the tests through mvn)");
        }
        S3Server server = new S3Server(dir, freePort());
        server.run();
        return server;
    }

    /**
     * One server per test JVM, with the bucket {@link #SHARED_BUCKET}, for tests that never stop it; each uses a prefix of
     * its own. It stops, and its directory goes, when the JVM exits.
     */
    public static synchronized S3Server shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("mappe-s3-tests");
                S3Server started = start(dir);
                started.createBucket(SHARED_BUCKET);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    try {
                        no.mappe.files.Trees.delete(dir);
                    } catch (IOException e) {
                        // the temporary directory stays; nothing in it is readable without the test's keys
                    }
                }));
                shared = started;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Starts the server again on the same port and objects, after {@link #stop()}. */
    public void run() {
        try {
            Files.createDirectories(storage);
            Path properties = log.resolveSibling("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint(),
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY_ID,
                    "s3proxy.credential=" + SECRET_ACCESS_KEY,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + storage), StandardCharsets.UTF_8);
            // A short-lived helper: the quick compiler only, a small heap.
            process = new ProcessBuilder(JAVA, "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar", JAR.toString(), "--properties",
                    properties.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!answers()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start:\n" + Files.readString(log));
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Makes a bucket, as an operator would before pointing Mappe at it. */
    public void createBucket(String bucket) {
        client.createBucket(request -> request.bucket(bucket));
    }

    /** The settings that put Mappe's blobs into {@code bucket} under {@code prefix}. */
    public Map<String, String> mappeSettings(String bucket, String prefix) {
        return Map.of("MAPPE_BLOBS", "s3://" + bucket + "/" + prefix + "?endpoint=" + endpoint() + "&region=us-east-1",
                "MAPPE_S3_ACCESS_KEY_ID", ACCESS_KEY_ID, "MAPPE_S3_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
    }

    /** The keys of every object in the bucket whose key starts with {@code prefix}. */
    public List<String> keys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key)
                .toList();
    }

    public byte[] object(String bucket, String key) {
        return client.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
    }

    /** Replaces an object's bytes behind Mappe's back, as a tampering hand with the store's keys would. */
    public void replace(String bucket, String key, byte[] bytes) {
        client.putObject(request -> request.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes));
    }

    /** The directory that holds every object's bytes (and S3Proxy's own records of them). */
    public Path storage() {
        return storage;
    }

    /** Stops the server, as a store that goes down would; {@link #run()} starts it again. */
    public void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
        client.close();
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nothing listens on now, for a test engine to bind (the other engines' servers use it too). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
