package no.mappe.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A logged-in (or anonymous) HTTP client of one test user, with its own cookie jar and CSRF token. */
public final class Api {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUri;
    private final HttpClient client;
    private String csrfToken;

    private Api(String baseUri) {
        this(baseUri, HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
    }

    private Api(String baseUri, HttpClient client) {
        this.baseUri = baseUri;
        this.client = client;
    }

    /** The same browser (its cookies and CSRF token) sending to another address: a load balancer's next choice of node. */
    public Api at(String otherBaseUri) {
        Api other = new Api(otherBaseUri, client);
        other.csrfToken = csrfToken;
        return other;
    }

    static Api anonymous(String baseUri) {
        return new Api(baseUri);
    }

    static Api login(String baseUri, String username, String password) {
        Api api = new Api(baseUri);
        Response response = api.post("/api/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (response.status() != 200) {
            throw new IllegalStateException("Login as " + username + " failed: " + response.body());
        }
        api.csrfToken = response.json().get("csrfToken").asText();
        return api;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUri + path)).GET());
    }

    public Response post(String path, String json) {
        return postRaw(path, json, "application/json", true);
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUri + path)).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrfToken()).PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** A POST with full control over the body, its content type and whether the CSRF header is sent. */
    public Response postRaw(String path, String body, String contentType, boolean withCsrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (withCsrf && csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        return send(request);
    }

    /** multipart/form-data with one file per part (the part's name, a file name and the bytes), with the CSRF token. */
    public Response postParts(String path, java.util.Map<String, byte[]> parts) {
        String boundary = "mappe-test-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (var part : parts.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey() + "\"; filename=\""
                    + part.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(baseUri + path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-CSRF-Token", String.valueOf(csrfToken)).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Closes the client's connections at once. A stopping server waits up to a second for every open connection,
     * idle keep-alive ones too (Jetty's shutdown idle timeout), so {@link MappeServer#close} closes its clients first.
     */
    void close() {
        client.shutdownNow();
        try {
            client.awaitTermination(java.time.Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String csrfToken() {
        return csrfToken;
    }

    /** After a step that gives the session a new token (passing the second factor), later requests send its CSRF token. */
    public void useCsrfToken(String token) {
        this.csrfToken = token;
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUri + path)).header("X-CSRF-Token", String.valueOf(csrfToken)).DELETE());
    }

    /** An HTTP answer. */
    public record Response(int status, String contentType, java.util.Map<String, java.util.List<String>> headers, byte[] bytes) {

        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + body(), e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (contentType.contains("json") ? body() : bytes.length + " bytes");
        }
    }
}
