package no.mappe.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * axe-core, the accessibility engine, fetched once from the npm registry ({@code npm pack}) into
 * {@code target/axe}; when npm cannot fetch it, the test skips, or fails under CI ({@link RequiredTool}).
 */
final class Axe {

    static final String VERSION = "4.14.1";
    private static final Path DIR = Path.of("target/axe");
    private static String script;

    private Axe() {
    }

    static synchronized String script() {
        if (script == null) {
            Path file = DIR.resolve("axe.min.js");
            try {
                if (!Files.exists(file)) {
                    fetch(file);
                }
                script = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }

    private static void fetch(Path file) throws IOException {
        RequiredTool.require("npm", "npm");
        Files.createDirectories(DIR);
        try {
            Process pack = new ProcessBuilder("npm", "pack", "axe-core@" + VERSION, "--pack-destination", DIR.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean done = pack.waitFor(120, TimeUnit.SECONDS);
            RequiredTool.requireThat(done && pack.exitValue() == 0, "axe-core " + VERSION + " (npm pack could not fetch it from the"
                    + " npm registry)", "npm");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Path tarball = DIR.resolve("axe-core-" + VERSION + ".tgz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball))) {
            Files.write(file, untar(in, "package/axe.min.js"));
        }
    }

    /** Reads one file out of a tar stream (ustar headers of 512 bytes). */
    private static byte[] untar(InputStream in, String wanted) throws IOException {
        byte[] header = new byte[512];
        while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String name = new String(header, 0, 100, java.nio.charset.StandardCharsets.US_ASCII).trim().replace("\0", "");
            long size = Long.parseLong(new String(header, 124, 11, java.nio.charset.StandardCharsets.US_ASCII).trim(), 8);
            byte[] content = in.readNBytes((int) size);
            in.skipNBytes((512 - size % 512) % 512);
            if (name.equals(wanted)) {
                return content;
            }
        }
        throw new IOException(wanted + " is not in the axe-core package");
    }
}
