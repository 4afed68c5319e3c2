package no.mappe.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.mappe.cli.Main;

/**
 * The {@code mappe} command line as an operator runs it: a separate JVM on the test's class path,
 * with no MAPPE_* setting from the surroundings except the data directory and what the test gives.
 */
public final class MappeCommand {

    private MappeCommand() {
    }

    /** What the command printed (standard output and error together) and its exit code. */
    public record Result(int exitCode, String output) {
    }

    public static Result run(Path dataDir, Map<String, String> environment, String... arguments) throws IOException,
            InterruptedException {
        ProcessBuilder builder = JavaCommand.of(Main.class, arguments);
        Map<String, String> settings = new HashMap<>(environment);
        settings.put("MAPPE_DATA_DIR", dataDir.toString());
        settings.putIfAbsent("MAPPE_SWEEP_AT", "off");
        builder.environment().putAll(settings);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("mappe " + String.join(" ", arguments) + " did not finish in 2 minutes: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    /** A new random master key in a 0600 file, as an operator makes one (outside the data directory). */
    public static Path newMasterKey(Path directory) throws IOException {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Path file = directory.resolve("master.key");
        java.nio.file.Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key) + "\n");
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
