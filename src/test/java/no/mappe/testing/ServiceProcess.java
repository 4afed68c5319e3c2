package no.mappe.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.app.App;
import no.mappe.cli.Main;

/**
 * {@code mappe serve} as an operator runs it: its own JVM, configured by environment variables,
 * its standard output and error captured in a file. For what only a real process shows: the log
 * lines it prints, and how it stops on SIGTERM. Demo mode, so users exist; tests log in with
 * {@link MappeServer#PASSWORD}.
 */
public final class ServiceProcess implements AutoCloseable {

    /** The line {@code mappe serve} prints once it listens. */
    static final Pattern RUNNING = Pattern.compile("Mappe is running on http://localhost:(\\d+)/");
    /** The lines a first demo start prints before it listens, and once the demo documents are in (or could not be made). */
    static final Pattern DEMO_DOCUMENTS_BEGUN = Pattern.compile(Pattern.quote(App.DEMO_DOCUMENTS_BEGUN));
    static final Pattern DEMO_DOCUMENTS_DONE = Pattern.compile(Pattern.quote(App.DEMO_DOCUMENTS_MADE) + "|"
            + Pattern.quote(App.DEMO_DOCUMENTS_FAILED));

    private final Process process;
    private final Path output;
    private final int port;

    private ServiceProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /**
     * Starts the service on a free port with this data directory and waits until it listens.
     *
     * @param extraEnvironment more MAPPE_* settings
     * @param jvmOptions       options for the JVM, e.g. {@link TestLogConfigurator#AS_INSTALLED} for the log of a real installation
     */
    public static ServiceProcess start(Path dataDir, Path output, Map<String, String> extraEnvironment, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(List.of(jvmOptions));
        options.add("-Xmx512m");
        ProcessBuilder builder = JavaCommand.of(options, Main.class, "serve").redirectOutput(output.toFile());
        demoService(builder.environment(), dataDir);
        builder.environment().put("MAPPE_DEMO_PASSWORD", MappeServer.PASSWORD);
        builder.environment().putAll(extraEnvironment);
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            String log = read(output);
            Matcher running = RUNNING.matcher(log);
            // Tests see the demo world whole, as with MappeServer: on a first demo start, also once its documents are made.
            if (running.find() && (!DEMO_DOCUMENTS_BEGUN.matcher(log).find() || DEMO_DOCUMENTS_DONE.matcher(log).find())) {
                return new ServiceProcess(process, output, Integer.parseInt(running.group(1)));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("mappe serve stopped with " + process.exitValue() + ":\n" + read(output));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("mappe serve did not start within 180 s:\n" + read(output));
    }

    /**
     * The settings of a {@code mappe serve} that a test starts as a process: demo mode on this data directory, a free port, no
     * nightly sweep, and the text extractors started at the first upload, as in MappeServer (each child costs about 4
     * CPU-seconds to start, Tika's classes, and no test of a service process uploads anything).
     */
    static void demoService(Map<String, String> environment, Path dataDir) {
        environment.put("MAPPE_DATA_DIR", dataDir.toString());
        environment.put("MAPPE_DEMO", "true");
        environment.put("MAPPE_PORT", "0");
        environment.put("MAPPE_SWEEP_AT", "off");
        environment.put("MAPPE_EXTRACTORS_AT_START", "false");
    }

    public int port() {
        return port;
    }

    public String baseUri() {
        return "http://localhost:" + port;
    }

    public Api login(String username) {
        return Api.login(baseUri(), username, MappeServer.PASSWORD);
    }

    public Api anonymous() {
        return Api.anonymous(baseUri());
    }

    /** Sends SIGTERM, as {@code docker stop} and {@code systemctl stop} do, without waiting. */
    public void terminate() {
        process.destroy();
    }

    /** Kills the process at once (SIGKILL), as a crash or an out-of-memory killer would, and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("mappe serve was not gone 30 s after SIGKILL");
        }
    }

    /** Waits for the process to end; its exit code. */
    public int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("mappe serve did not stop within " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    /** Everything the process printed so far. */
    public String output() {
        return read(output);
    }

    public List<String> outputLines() {
        return output().lines().toList();
    }

    /** Waits until the output contains {@code text}. */
    public void awaitOutput(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!output().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("mappe serve did not print '" + text + "' within " + seconds + " s:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
