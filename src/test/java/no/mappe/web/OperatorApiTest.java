package no.mappe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import no.mappe.testing.Api;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator API: off (404) without a token file, 401 for a missing or wrong token, and with
 * the right one it makes an organisation whose leader sees only their own organisation.
 */
class OperatorApiTest {

    private static final String TOKEN = "operator-token-with-enough-randomness-0123456789";
    private static final String FJORDTUN = """
            {"name": "Fjordtun Arbeid AS", "country": "NO", "language": "nb", "programmes": ["AFT"], "policy": "lysheim",
             "leader": {"name": "Ingrid Fjell", "username": "ingrid@fjordtun.example"}}""";

    @TempDir
    Path dataDir;
    @TempDir
    Path secrets;

    @Test
    void withoutATokenFileTheOperatorApiDoesNotExist() {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api.Response answer = operator(server, "GET", "/api/operator/organisations", TOKEN, null);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(operator(server, "POST", "/api/operator/organisations", TOKEN, FJORDTUN).status()).isEqualTo(404);
            assertThat(server.login("leder").get("/api/operator/organisations").status()).as("nor for a leader's session")
                    .isEqualTo(404);
        }
    }

    @Test
    void aWrongTokenIsRefusedAndTheRightOneMakesAnIsolatedOrganisation() throws Exception {
        Path tokenFile = secrets.resolve("operator.sha256");
        Files.writeString(tokenFile, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(TOKEN.getBytes(StandardCharsets.UTF_8))) + "\n");
        try (MappeServer server = MappeServer.start(dataDir, Map.of("MAPPE_OPERATOR_TOKEN_FILE", tokenFile.toString(),
                "MAPPE_PUBLIC_URL", "https://mappe.example.no"))) {
            for (String wrong : new String[] {null, "", "wrong", TOKEN + "x", HexFormat.of().formatHex(MessageDigest
                    .getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)))}) {
                Api.Response refused = operator(server, "POST", "/api/operator/organisations", wrong, FJORDTUN);
                assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
                assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
            }
            assertThat(server.login("leder").get("/api/operator/organisations").status()).as("a leader's session is no token")
                    .isEqualTo(401);
            assertThat(names(operator(server, "GET", "/api/operator/organisations", TOKEN, null).json()))
                    .doesNotContain("Fjordtun Arbeid AS");

            Api.Response invalid = operator(server, "POST", "/api/operator/organisations", TOKEN, FJORDTUN.replace("AFT", "fleksjob"));
            assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
            Api.Response created = operator(server, "POST", "/api/operator/organisations", TOKEN, FJORDTUN);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String organisationId = created.json().get("organisation").get("id").asText();
            String url = created.json().get("setupLink").get("url").asText();
            assertThat(url).startsWith("https://mappe.example.no/setup/");
            assertThat(operator(server, "POST", "/api/operator/organisations", TOKEN, FJORDTUN).status()).as("the name is taken")
                    .isEqualTo(409);
            assertThat(names(operator(server, "GET", "/api/operator/organisations", TOKEN, null).json()))
                    .containsOnlyOnce("Fjordtun Arbeid AS");
            int audited = server.app().database().read(connection -> no.mappe.db.Sql.one(connection,
                    "SELECT COUNT(*) FROM audit_log WHERE action = 'organisation-created' AND actor_id = 'operator'"
                            + " AND organisation_id = ?", row -> row.getInt(1), organisationId)).orElse(0);
            assertThat(audited).isEqualTo(1);

            String path = URI.create(url).getPath();
            String password = "fire fjorder og en lang sommer";
            assertThat(PeopleTest.submit(server.anonymous(), path, password, password).status()).isEqualTo(200);
            Api leader = server.loginWith("ingrid@fjordtun.example", password);
            List<String> people = new ArrayList<>();
            leader.get("/api/people").json().get("people").forEach(person -> people.add(person.get("name").asText()));
            assertThat(people).containsExactly("Ingrid Fjell");
            assertThat(leader.get("/api/cases").json().get("cases")).isEmpty();
            Api.Response added = leader.post("/api/people", """
                    {"name": "Nils Berg", "role": "counsellor", "username": "nils@fjordtun.example"}""");
            String counsellorPath = URI.create(added.json().get("setupLink").get("url").asText()).getPath();
            String counsellorPassword = "fem fjorder og en kort vår";
            assertThat(PeopleTest.submit(server.anonymous(), counsellorPath, counsellorPassword, counsellorPassword).status())
                    .isEqualTo(200);
            Api counsellor = server.loginWith("nils@fjordtun.example", counsellorPassword);
            Api.Response opened = counsellor.post("/api/cases", """
                    {"participant": {"name": "Ola Nordmann", "birthDate": "1990-01-01"}, "programme": "AFT", "startDate": "2026-11-01"}""");
            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            Api.Response document = counsellor.post("/api/cases/" + opened.json().get("id").asText() + "/documents",
                    "{\"template\": \"consent\", \"fields\": {\"recipients\": [\"NAV\"], \"purpose\": \"Samarbeid.\"}}");
            assertThat(document.status()).as("a new organisation works without a restart: " + document).isEqualTo(201);
            String demoCase = server.login("veileder").get("/api/cases").json().get("cases").get(0).get("id").asText();
            assertThat(leader.get("/api/cases/" + demoCase).status()).as("another organisation's case").isEqualTo(404);
            String demoPerson = PeopleTest.idOfIn(server.login("leder"), "veileder");
            assertThat(leader.post("/api/people/" + demoPerson + "/deactivate", "{}").status()).isEqualTo(404);
            assertThat(server.login("leder").get("/api/people").body()).doesNotContain("Ingrid");
        }
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.get("organisations").forEach(organisation -> names.add(organisation.get("name").asText()));
        return names;
    }

    private static Api.Response operator(MappeServer server, String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return server.anonymous().send(request);
    }
}
