package no.mappe.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import no.mappe.config.SearchLocation;
import no.mappe.errors.StorageFailure;
import no.mappe.errors.StoreUnreachable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenSearch's REST API as the index uses it: JSON in and out, HTTP basic authentication when configured.
 * A cluster that does not answer, is busy (429) or fails (5xx) is {@link StoreUnreachable} (503, try again);
 * a request it refuses is a {@link StorageFailure}. Logged are the method, the path without its query and
 * the error's kind, never its reason: a reason can quote a search's words or a field's terms.
 */
final class OpenSearchClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration REQUEST = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchClient.class);
    private static final Duration CONNECT = Duration.ofSeconds(5);

    private final SearchLocation.OpenSearch location;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();

    OpenSearchClient(SearchLocation.OpenSearch location) {
        this.location = location;
    }

    /** A request with the usual time limit; {@code expected} statuses (404, 409, ...) are answered with the body and "status". */
    JsonNode call(String method, String path, Object body, int... expected) {
        return call(method, path, body, REQUEST, expected);
    }

    /**
     * A request. {@code body} is JSON, or a String of newline-delimited JSON (a bulk request); null for none.
     */
    JsonNode call(String method, String path, Object body, Duration timeout, int... expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(location.url() + path)).timeout(timeout);
        location.user().ifPresent(user -> request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + location.password().orElse("")).getBytes(StandardCharsets.UTF_8))));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", body instanceof String ? "application/x-ndjson" : "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreUnreachable("The search cluster did not answer (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnreachable("Interrupted while waiting for the search cluster", e);
        }
        int status = response.statusCode();
        for (int allowed : expected) {
            if (status == allowed) {
                return JSON.createObjectNode().put("status", status).setAll(parse(response.body()));
            }
        }
        if (status >= 300) {
            JsonNode error = parse(response.body()).path("error");
            String kind = error.path("type").asText("") + " " + error.path("root_cause").path(0).path("type").asText("");
            LOG.warn("The search cluster answered {} {} with {} ({})", method, path.replaceAll("\\?.*", ""), status, kind.strip());
            throw status == 429 || status >= 500
                    ? new StoreUnreachable("The search cluster is busy or failing (" + status + ")", null)
                    : new StorageFailure("The search cluster refused a request (" + status + " " + kind.strip() + ")", null);
        }
        return parse(response.body());
    }

    /** Whether an index (or alias) exists. */
    boolean exists(String index) {
        return call("HEAD", "/" + index, null, 404).path("status").asInt(200) != 404;
    }

    private static ObjectNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
