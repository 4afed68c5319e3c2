package no.mappe.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The container's health check: {@code java -cp mappe.jar no.mappe.ops.HealthProbe [/ready]} asks
 * the service on this machine (port {@code MAPPE_PORT}, default 7070) and exits 0 on 200, 1
 * otherwise, printing the answer for {@code docker inspect}. Plain Java and nothing else from the
 * jar, so it needs no shell, curl or wget in the image and starts in a fraction of a second.
 */
public final class HealthProbe {

    private static final int TIMEOUT_MS = 4_000;

    private HealthProbe() {
    }

    public static void main(String[] args) {
        String path = args.length > 0 ? args[0] : "/ready";
        String port = System.getenv().getOrDefault("MAPPE_PORT", "7070");
        System.exit(probe("http://127.0.0.1:" + port + path) ? 0 : 1);
    }

    static boolean probe(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MS);
            connection.setReadTimeout(TIMEOUT_MS);
            int status = connection.getResponseCode();
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String text = body == null ? "" : new String(body.readNBytes(1024), StandardCharsets.UTF_8);
            System.out.println(status + " " + text);
            return status == 200;
        } catch (IOException | IllegalArgumentException e) {
            System.out.println("no answer from " + url + ": " + e.getMessage());
            return false;
        }
    }
}
