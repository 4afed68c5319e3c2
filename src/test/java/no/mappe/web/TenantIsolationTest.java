package no.mappe.web;

import static no.mappe.testing.TemplateUploads.progressManifest;
import static no.mappe.testing.TemplateUploads.progressBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.mappe.testing.Api;
import no.mappe.testing.Api.Response;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one organisation's leader writes (template versions, the profile, a policy preview) touches
 * that organisation only: the other one's catalogue, version numbers, version list, documents and
 * access levels stay as they were, also after a restart.
 */
class TenantIsolationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dataDir;
    private static MappeServer server;
    private static Api leaderNo;
    private static Api counsellorNo;
    private static Api leaderDk;
    private static Api counsellorDk;
    private static String caseNo;
    private static String caseDk;

    @BeforeAll
    static void start() {
        server = MappeServer.start(dataDir);
        leaderNo = server.login("leder");
        counsellorNo = server.login("veileder");
        leaderDk = server.login("leder-dk");
        counsellorDk = server.login("vejleder");
        caseNo = counsellorNo.post("/api/cases", """
                {"participant": {"name": "Tora Lysheim Ås", "birthDate": "1990-01-01"}, "programme": "AFT", "startDate": "2026-01-05"}""")
                .json().get("id").asText();
        caseDk = counsellorDk.post("/api/cases", """
                {"participant": {"name": "Karen Vesterå Holm", "birthDate": "1985-05-05"}, "programme": "virksomhedspraktik",
                 "startDate": "2026-01-05"}""").json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aTemplateVersionUploadedByOneOrganisationIsNeverSeenOrUsedByTheOther() throws Exception {
        JsonNode danishBefore = counsellorDk.get("/api/templates/consent").json();
        int shipped = danishBefore.get("version").asInt();
        // A Norwegian-only version that lowers the access level to 1 (all staff) and prints its own text.
        Response uploaded = upload(leaderNo, consentManifest(shipped + 1, "[nb]", 1),
                Map.of("nb", consentBody("Lysheims egen samtykketekst.")));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String norwegianLeaderId = leaderNo.get("/api/templates/consent/versions").json().get("versions").get(1).get("uploadedBy")
                .asText();

        JsonNode danishAfter = counsellorDk.get("/api/templates/consent").json();
        assertThat(danishAfter.get("version").asInt()).isEqualTo(shipped);
        assertThat(danishAfter.get("accessLevel").asInt()).isEqualTo(3);
        assertThat(danishAfter.get("languages")).extracting(JsonNode::asText).containsExactly("nb", "da");
        assertThat(counsellorDk.get("/api/templates").json().get("templates")).filteredOn(t -> t.get("id").asText().equals("consent"))
                .extracting(t -> t.get("version").asInt()).containsExactly(shipped);
        Response danishVersions = leaderDk.get("/api/templates/consent/versions");
        assertThat(danishVersions.json().get("versions")).extracting(v -> v.get("origin").asText()).containsExactly("shipped");
        assertThat(danishVersions.body()).doesNotContain(norwegianLeaderId);

        // The Danish counsellor still makes the Danish document from the shipped version, at its level.
        JsonNode danishDocument = counsellorDk.post("/api/cases/" + caseDk + "/documents", """
                {"template": "consent", "language": "da", "fields": {"recipients": ["Jobcenter"], "purpose": "Dansk formål."}}""")
                .json();
        assertThat(danishDocument.get("templateVersion").asInt()).isEqualTo(shipped);
        assertThat(danishDocument.get("accessLevel").asInt()).isEqualTo(3);
        String danishId = danishDocument.get("id").asText();
        assertThat(PdfChecks.text(counsellorDk.get("/api/documents/" + danishId + "/pdf").bytes()))
                .contains("Dansk formål.").doesNotContain("Lysheims egen samtykketekst.");
        assertThat(server.login("kontor-dk").get("/api/documents/" + danishId).status()).as("Danish office staff").isEqualTo(404);

        // The Norwegian organisation uses its own version.
        JsonNode norwegianDocument = counsellorNo.post("/api/cases/" + caseNo + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Norsk formål."}}""").json();
        assertThat(norwegianDocument.get("templateVersion").asInt()).isEqualTo(shipped + 1);
        assertThat(norwegianDocument.get("accessLevel").asInt()).isEqualTo(1);
        assertThat(PdfChecks.text(counsellorNo.get("/api/documents/" + norwegianDocument.get("id").asText() + "/pdf").bytes()))
                .contains("Lysheims egen samtykketekst.");

        // Version numbers are counted per organisation: the Danish leader's next version is also shipped + 1.
        Response danishUpload = upload(leaderDk, consentManifest(shipped + 1, "[da]", 3), Map.of("da", consentBody("Vesterås tekst.")));
        assertThat(danishUpload.status()).as(danishUpload.toString()).isEqualTo(201);
        assertThat(leaderNo.get("/api/templates/consent/versions").body()).doesNotContain("Vesterås");
        assertThat(counsellorNo.get("/api/templates/consent").json().get("languages")).extracting(JsonNode::asText).containsExactly("nb");

        // After a restart every organisation still has exactly its own versions.
        server.close();
        server = MappeServer.start(dataDir);
        leaderNo = server.login("leder");
        counsellorNo = server.login("veileder");
        leaderDk = server.login("leder-dk");
        counsellorDk = server.login("vejleder");
        assertThat(counsellorNo.get("/api/templates/consent").json().get("languages")).extracting(JsonNode::asText).containsExactly("nb");
        assertThat(counsellorDk.get("/api/templates/consent").json().get("languages")).extracting(JsonNode::asText).containsExactly("da");
        assertThat(leaderDk.get("/api/templates/consent/versions").body()).doesNotContain(norwegianLeaderId);
    }

    @Test
    void oneLeadersProfileChangeNeverReachesTheOtherOrganisationsDocuments() {
        String danishProfile = leaderDk.get("/api/organisation/profile").body();
        String norwegianProfile = leaderNo.get("/api/organisation/profile").body();
        String changed = norwegianProfile.replaceFirst("\"vision\":\"[^\"]*\"", "\"vision\":\"Lysheims visjon om mestring.\"");
        assertThat(leaderNo.put("/api/organisation/profile", changed).status()).isEqualTo(200);

        assertThat(leaderDk.get("/api/organisation/profile").body()).isEqualTo(danishProfile);
        String danishId = counsellorDk.post("/api/cases/" + caseDk + "/documents", "{\"template\": \"welcome-folder\", \"fields\": {}}")
                .json().get("id").asText();
        assertThat(PdfChecks.text(counsellorDk.get("/api/documents/" + danishId + "/pdf").bytes()))
                .doesNotContain("Lysheims visjon om mestring.");
        String norwegianId = counsellorNo.post("/api/cases/" + caseNo + "/documents", "{\"template\": \"welcome-folder\", \"fields\": {}}")
                .json().get("id").asText();
        assertThat(PdfChecks.text(counsellorNo.get("/api/documents/" + norwegianId + "/pdf").bytes()))
                .contains("Lysheims visjon om mestring.");
    }

    @Test
    void aPolicyPreviewOfOneOrganisationChangesNeitherPolicy() {
        String danishPolicy = leaderDk.get("/api/retention/policy").body();
        String norwegianPolicy = leaderNo.get("/api/retention/policy").body();
        String current = leaderNo.get("/api/retention/policy").json().get("text").asText();
        assertThat(leaderNo.postRaw("/api/retention/policy/preview", current.replace("P10Y", "P1D"), "application/yaml", true).status())
                .isEqualTo(200);
        assertThat(leaderDk.get("/api/retention/policy").body()).isEqualTo(danishPolicy);
        assertThat(leaderNo.get("/api/retention/policy").body()).isEqualTo(norwegianPolicy);
    }

    @Test
    void twoUploadsOfTheSameNextVersionInOneOrganisationOneWinsTheOtherIsToldSo() throws Exception {
        int next = leaderNo.get("/api/templates/progress-report").json().get("version").asInt() + 1;
        int danishNext = leaderDk.get("/api/templates/progress-report").json().get("version").asInt() + 1;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Response>> uploads = new ArrayList<>();
            uploads.add(() -> upload(leaderNo, progressManifest(next), both(progressBody("<p>Første opplasting.</p>"))));
            uploads.add(() -> upload(leaderNo, progressManifest(next), both(progressBody("<p>Andre opplasting.</p>"))));
            uploads.add(() -> upload(leaderDk, progressManifest(danishNext), both(progressBody("<p>Vesterås opplasting.</p>"))));
            List<Future<Response>> answers = pool.invokeAll(uploads);
            Response first = answers.get(0).get();
            Response second = answers.get(1).get();
            assertThat(List.of(first.status(), second.status())).as(first + " / " + second).containsExactlyInAnyOrder(201, 409);
            Response loser = first.status() == 409 ? first : second;
            assertThat(loser.contentType()).startsWith("application/problem+json");
            assertThat(loser.json().get("detail").asText()).contains("exists already", "version " + (next + 1));
            assertThat(answers.get(2).get().status()).as("the other organisation's upload").isEqualTo(201);
        } finally {
            pool.shutdown();
        }
        assertThat(leaderNo.get("/api/templates/progress-report/versions").json().get("versions"))
                .extracting(v -> v.get("origin").asText()).containsExactly("shipped", "uploaded");
    }

    private static Response upload(Api leader, String manifest, Map<String, String> xhtml) throws Exception {
        String id = manifest.lines().filter(line -> line.startsWith("id:")).findFirst().orElseThrow().substring(3).strip();
        return leader.post("/api/templates/" + id + "/versions", MAPPER.writeValueAsString(Map.of("manifest", manifest, "xhtml", xhtml)));
    }

    private static Map<String, String> both(String body) {
        return Map.of("nb", body, "da", body);
    }

    private static String consentBody(String text) {
        return """
                {% extends "layout" %}{% block content %}<h1>{{ title }}</h1><p>""" + text + """
                </p><ul>{% for r in fields.recipients %}<li>{{ r }}</li>{% endfor %}</ul><p class="text">{{ fields.purpose }}</p>
                {% include "signatures" %}{% endblock %}""";
    }

    private static String consentManifest(int version, String languages, int accessLevel) {
        return """
                id: consent
                version: %d
                documentType: consent
                title: {nb: Samtykkeerklæring, da: Samtykkeerklæring}
                languages: %s
                accessLevel: %d
                signers: [participant, counsellor]
                fields:
                  - {name: recipients, type: list, required: true, label: {nb: Mottakere, da: Modtagere}}
                  - {name: purpose, type: longtext, required: true, label: {nb: Formål, da: Formål}}
                """.formatted(version, languages, accessLevel);
    }
}
